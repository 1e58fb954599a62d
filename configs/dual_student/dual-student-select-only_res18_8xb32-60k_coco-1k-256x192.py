# Ablation "select only" on COCO 1K: raw easy-view heatmaps of both
# students in the pool, selected by view uncertainty; no denoising.
_base_ = ['./dual-student_res18_8xb32-60k_coco-1k-256x192.py']

model = dict(aggregation='first', refine=False)
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.0, unsup_weight=1.0,
         warmup_iters=2000, rampup_iters=10000, vis_interval=2000)
]
