# Candidate "EMA teachers": each student's pseudo-labels come from an
# exponential moving average of it (momentum 0.99: a time constant of about
# 100 of the 2,000 iterations, a first value to be measured).
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(teacher_momentum=0.99)
