# Candidate "unit-height targets": ours with every refined pseudo-keypoint
# rendered with height 1, as a labeled keypoint's target, instead of its
# confidence c. A self-training round learns from such targets (its
# pseudo-labels become keypoint annotations) and ties or beats ours at both
# budgets (docs/results.md); with height c the pseudo-label loss asks the
# students for peaks below the labeled ones. To be measured.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

model = dict(target_height='one')
