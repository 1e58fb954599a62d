# The "short warm-up" candidate at the lower label budget (the first 70
# persons); see the first100 config.
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first70-128x96.py']

custom_hooks = [
    dict(_base_.custom_hooks[0], warmup_iters=250, rampup_iters=250)
] + _base_.custom_hooks[1:]
