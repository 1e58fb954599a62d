# Candidate "pool of views": ours with a pool of eight members instead of
# two: each of a student's four mapped-back pseudo-label views, denoised on
# its own (threshold on that view's peak, refined Gaussian at it), its
# uncertainty the disagreement of that view alone with the peer's aggregated
# map. Each student learns, per keypoint, from the kept view of either
# student that agrees best with the other student's aggregate, instead of a
# whole student's max over views (the selection issue's "pool holding more
# than one member per student"). Measured (fp32 geometry, same host,
# student A, seed 0; docs/results.md): 23.0 AP at first70 and 27.9 at
# first100 against ours' 24.6 and 28.8 (ensemble 25.8 and 30.4 against 27.4
# and 30.9): a single view is a noisier target than a student's max over
# views. Not kept; seeds 1 and 2 not run.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

model = dict(pool_members='views')
