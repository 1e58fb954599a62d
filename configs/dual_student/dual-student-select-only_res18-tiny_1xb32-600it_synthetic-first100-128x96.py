# Ablation "select only": the pool holds both students' raw easy-view
# heatmaps (no aggregation, no threshold, no refine); the pseudo-label views
# only give the uncertainty that selects each student's target.
_base_ = ['./dual-student_res18-tiny_1xb32-600it_synthetic-first100-128x96.py']

model = dict(aggregation='first', refine=False)
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.0, unsup_weight=1.0,
         warmup_iters=100, rampup_iters=300, vis_interval=150)
]
