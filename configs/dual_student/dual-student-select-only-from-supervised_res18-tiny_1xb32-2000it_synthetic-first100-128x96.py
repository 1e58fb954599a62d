# Select only with the "from supervised" start of ours' candidate (its
# students start from two supervised models of the budget, no warm-up; see
# dual-student-from-supervised_*first100*), for the ablation in that regime.
_base_ = ['./dual-student-select-only_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

load_from = 'work_dirs/pair_from_supervised/first100.pth'
custom_hooks = [
    dict(_base_.custom_hooks[0], warmup_iters=0)
] + _base_.custom_hooks[1:]
