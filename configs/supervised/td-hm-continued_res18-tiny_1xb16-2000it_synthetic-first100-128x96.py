# The control of the "from supervised" rows (benchmark method 'supervised,
# continued'): a supervised run of the budget (`load_from`, weights only;
# the benchmark passes the run of the same seed) trained 2,000 more
# iterations on the labeled persons alone, the schedule the warm-started
# pairs train from the same model, so that the pairs' gain is not their
# extra iterations.
_base_ = ['./td-hm_res18-tiny_1xb16-2000it_synthetic-first100-128x96.py']

load_from = 'work_dirs/supervised_start/first100.pth'
