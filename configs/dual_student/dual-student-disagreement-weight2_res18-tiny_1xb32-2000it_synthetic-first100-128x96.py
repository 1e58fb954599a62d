# Candidate "cross-student uncertainty, weight 2": ours (whose uncertainty
# is measured across the students) with lambda 2 after the ramp instead of
# 1; the two best seed-0 screens at first70 together (the cross-student
# uncertainty 25.4 AP, 'unlabeled weight 2' on the view-std uncertainty
# 25.2, against 24.7 for the view std at lambda 1).
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

custom_hooks = [dict(_base_.custom_hooks[0], unsup_weight=2.0)
                ] + _base_.custom_hooks[1:]
