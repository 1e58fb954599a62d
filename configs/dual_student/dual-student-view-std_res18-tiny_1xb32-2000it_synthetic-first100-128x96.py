# Candidate "view-std uncertainty", ours' default until the cross-student
# uncertainty replaced it: the uncertainty that selects is each student's
# own, the largest per-pixel standard deviation over its pseudo-label
# views. At first70 it reached 24.4 +- 0.2 AP (24.7, 24.1, 24.5) against
# the cross-student uncertainty's 25.6 +- 1.1 (25.4, 24.4, 26.9;
# docs/benchmarks.md). The candidates measured before the switch are
# built on this config.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(uncertainty='view_std')
