# The schedule of the demo's second stage (`make demo`): 500 iterations
# from the supervised starts for ours, PoseDual and the supervised control,
# with the linear warm-up and cosine decay of synthetic_tiny_128x96.py cut
# to match and a validation and checkpoint every 250. A `*-500it_*` config
# adds this file to its parent's bases and applies it (mmengine refuses a
# key that two bases both set, hence the names).
demo_max_iters = 500
demo_val_interval = 250
demo_param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=demo_max_iters,
         T_max=demo_max_iters - 100, eta_min=1e-5, by_epoch=False),
]
