# The demo's supervised starts (`make demo`, seeds 0 and 3): the first100
# benchmark config cut to 750 iterations, so that the demo's five trainings
# fit 15 minutes on 2 CPU cores.
_base_ = ['./td-hm_res18-tiny_1xb16-2000it_synthetic-first100-128x96.py']

max_iters = 750
val_interval = 250
train_cfg = dict(max_iters=max_iters, val_interval=val_interval)
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=max_iters,
         T_max=max_iters - 100, eta_min=1e-5, by_epoch=False),
]
default_hooks = dict(checkpoint=dict(interval=val_interval))
