# The "from supervised" rows' control at the lower label budget (the first
# 70 persons); see the first100 config.
_base_ = ['./td-hm_res18-tiny_1xb16-2000it_synthetic-first70-128x96.py']

load_from = 'work_dirs/supervised_start/first70.pth'
