# The "from supervised" candidate at the lower label budget (the first 70
# persons); see the first100 config.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first70-'
          '128x96.py']

load_from = 'work_dirs/pair_from_supervised/first70.pth'
custom_hooks = [
    dict(_base_.custom_hooks[0], warmup_iters=0)
] + _base_.custom_hooks[1:]
