# Ablation "select only": the pool holds both students' raw easy-view
# heatmaps (no aggregation, no threshold, no refine); the pseudo-label views
# only give the uncertainty that selects each student's target.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(aggregation='first', refine=False)
# every keypoint is kept; the schedule stays the one of ours
custom_hooks = [dict(_base_.custom_hooks[0], threshold=0.0)
                ] + _base_.custom_hooks[1:]
