# Candidate "tau schedule": the keypoint threshold falls linearly from 0.7
# (only confident pseudo-keypoints while the students are weak) at the end
# of the warm-up to 0.4 at the end of the ramp; first values, to be
# measured.
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

custom_hooks = [
    dict(_base_.custom_hooks[0], threshold=0.7, final_threshold=0.4)
] + _base_.custom_hooks[1:]
