# The "one way" selection rule at the lower label budget (the first 70
# persons); see the first100 config.
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first70-128x96.py']

model = dict(selector=dict(mode='one_way'))
