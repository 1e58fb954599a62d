# Candidate "pool of views": ours with a pool of eight members instead of
# two: each of a student's four mapped-back pseudo-label views, denoised on
# its own (threshold on that view's peak, refined Gaussian at it), its
# uncertainty the disagreement of that view alone with the peer's aggregated
# map. Each student learns, per keypoint, from the kept view of either
# student that agrees best with the other student's aggregate, instead of a
# whole student's max over views (the selection issue's "pool holding more
# than one member per student"). To be measured.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

model = dict(pool_members='views')
