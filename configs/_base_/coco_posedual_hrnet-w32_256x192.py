# PoseDual on COCO with hrnet-w32 students: each student learns, on its hard
# view, from the other student's heatmaps of the easy view; no multi-view
# pseudo-labels, no threshold-and-refine, no selection.
_base_ = ['./coco_dual_student_hrnet-w32_256x192.py']

model = dict(selector=dict(mode='peer'), aggregation='first', refine=False)
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.0, unsup_weight=1.0,
         warmup_iters=2000, rampup_iters=10000, vis_interval=2000)
]
multi_view = _base_.multi_view
multi_view.views = [dict()]  # the easy view itself
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
