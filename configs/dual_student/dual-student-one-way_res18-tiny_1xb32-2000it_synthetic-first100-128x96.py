# Candidate selection rule "one way": per keypoint the kept member of lower
# uncertainty teaches the other student; the teaching student gets no
# unlabeled loss on that keypoint (see UncertaintySelector).
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(selector=dict(mode='one_way'))
