# Ablation "select only" on COCO 1K: raw easy-view heatmaps of both
# students in the pool, selected by cross-student uncertainty; no denoising.
_base_ = ['./dual-student_res18_8xb32-60k_coco-1k-256x192.py']

model = dict(aggregation='first', refine=False)
# every keypoint is kept; the schedule stays the one of ours
custom_hooks = [dict(_base_.custom_hooks[0], threshold=0.0)
                ] + _base_.custom_hooks[1:]
