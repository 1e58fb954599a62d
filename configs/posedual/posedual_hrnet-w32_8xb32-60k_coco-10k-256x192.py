# PoseDual on COCO with 10000 labeled persons, hrnet-w32 students: peer
# supervision from the easy view, no multi-view denoising, no selection.
_base_ = ['../dual_student/dual-student_hrnet-w32_8xb32-60k_coco-10k-256x192.py']

model = dict(selector=dict(mode='peer'), aggregation='first', refine=False)
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.0, unsup_weight=1.0,
         warmup_iters=2000, rampup_iters=10000, vis_interval=2000)
]
multi_view = _base_.multi_view
multi_view.views = [dict()]  # the easy view itself
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
