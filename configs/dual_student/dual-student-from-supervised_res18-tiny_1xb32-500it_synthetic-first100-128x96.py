# The demo's ours (`make demo`): the "from supervised" pair of the first100
# budget (each student starts from one of two supervised runs of the demo,
# seeds 0 and 3, 750 iterations each; no supervised-only warm-up), trained
# 500 more iterations with the pseudo-label loss ramped up over the first
# 125 (a quarter, as in the 2,000-iteration configs), so that the demo's
# five trainings fit 15 minutes on 2 CPU cores. `tools/demo.py` writes the
# pair's checkpoint and passes its own `load_from`; by hand:
#   python tools/misc/pair_from_students.py \
#       work_dirs/demo/supervised/iter_750.pth \
#       work_dirs/demo/supervised_seed3/iter_750.pth \
#       work_dirs/demo/pair_start.pth
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_'
          'synthetic-first100-128x96.py',
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
