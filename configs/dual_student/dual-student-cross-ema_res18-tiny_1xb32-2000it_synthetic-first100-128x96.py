# Candidate "cross-student EMA teachers": ours (selection by the
# cross-student uncertainty) with each student's pseudo-labels made by an
# exponential moving average of it (momentum 0.99: a time constant of about
# 100 of the 2,000 iterations). On the view-std uncertainty the same
# teachers gave +0.5 +- 1.1 AP at first70 ('EMA teachers'); on the
# cross-student uncertainty, student A 25.9 / 24.5 / 24.5 AP at first70 on
# seeds 0 / 1 / 2 against ours' 24.4 / 24.4 / 26.9 on the same host
# (docs/benchmarks.md, the same-host table): -0.2 in the mean, -2.4 on
# seed 2, not kept.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

model = dict(teacher_momentum=0.99)
