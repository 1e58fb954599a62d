# The demo's PoseDual (`make demo`): the "from supervised" start and 500
# iterations of ours' demo config
# (configs/dual_student/dual-student-from-supervised_*500it*), PoseDual's
# targets.
_base_ = ['./posedual-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py',
          '../_base_/schedule_synthetic_demo_500it.py']

load_from = 'work_dirs/demo/pair_start.pth'
max_iters = _base_.demo_max_iters
val_interval = _base_.demo_val_interval
train_cfg = dict(max_iters=max_iters, val_interval=val_interval)
param_scheduler = _base_.demo_param_scheduler
default_hooks = dict(checkpoint=dict(interval=val_interval))
custom_hooks = [
    dict(_base_.custom_hooks[0], rampup_iters=125, vis_interval=val_interval)
] + _base_.custom_hooks[1:]
