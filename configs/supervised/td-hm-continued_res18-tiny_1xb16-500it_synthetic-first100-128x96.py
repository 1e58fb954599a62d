# The demo's supervised control (`make demo`): the demo's supervised run
# (seed 0, 750 iterations; student A's start) trained 500 more iterations on
# the labeled persons alone with the schedule of the warm-started pair, so
# that supervised, PoseDual and ours end after the same iterations from the
# same model. `tools/demo.py` passes its own `load_from`.
_base_ = ['./td-hm-continued_res18-tiny_1xb16-2000it_synthetic-first100-'
          '128x96.py',
          '../_base_/schedule_synthetic_demo_500it.py']

load_from = 'work_dirs/demo/supervised/iter_750.pth'
max_iters = _base_.demo_max_iters
val_interval = _base_.demo_val_interval
train_cfg = dict(max_iters=max_iters, val_interval=val_interval)
param_scheduler = _base_.demo_param_scheduler
default_hooks = dict(checkpoint=dict(interval=val_interval))
