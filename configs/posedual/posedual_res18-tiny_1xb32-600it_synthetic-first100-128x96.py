# PoseDual (Xie et al., ICCV 2021): each student learns, on its hard view,
# from the other student's heatmaps of the easy view. No multi-view
# pseudo-labels, no threshold-and-refine, no selection.
_base_ = ['../_base_/synthetic_semi_tiny_128x96.py']

model = dict(selector=dict(mode='peer'), aggregation='first', refine=False)
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.0, unsup_weight=1.0,
         warmup_iters=100, rampup_iters=300, vis_interval=150)
]
multi_view = _base_.multi_view
multi_view.views = [dict()]  # the easy view itself
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
