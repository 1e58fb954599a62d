# The "select only" ablation as measured before ours' switch to the
# cross-student uncertainty: the raw easy-view heatmaps selected by each
# student's view std (the candidate 'view-std uncertainty').
_base_ = ['./dual-student-select-only_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(uncertainty='view_std')
