# PoseDual on COCO with hrnet-w32 students: each student learns, on its hard
# view, from the other student's heatmaps of the easy view; no multi-view
# pseudo-labels, no threshold-and-refine, no selection.
_base_ = ['./coco_dual_student_hrnet-w32_256x192.py']

model = dict(selector=dict(mode='peer'), aggregation='first', refine=False)
# every keypoint is kept; the schedule stays the one of ours
custom_hooks = [dict(_base_.custom_hooks[0], threshold=0.0)
                ] + _base_.custom_hooks[1:]
multi_view = _base_.multi_view
multi_view.views = [dict()]  # the easy view itself
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
