# The supervised baseline at the lower label budget on the 4,000-iteration
# schedule.
_base_ = ['./td-hm_res18-tiny_1xb16-'
          '2000it_synthetic-first70-128x96.py',
          '../_base_/schedule_synthetic_4000it.py']

max_iters = _base_.long_max_iters
train_cfg = dict(max_iters=max_iters)
param_scheduler = _base_.long_param_scheduler
