# The earlier demo's schedule (`make demo` until it started the pair from
# supervised models): the first100 benchmark config cut to 750 iterations,
# with warm-up and ramp-up of the pseudo-label loss halved, trained from
# scratch; kept for the demo tables measured with it (docs/results.md).
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

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
custom_hooks = [
    dict(_base_.custom_hooks[0], warmup_iters=250, rampup_iters=250,
         vis_interval=val_interval)
] + _base_.custom_hooks[1:]
