# Candidate selection rule "stability" (Dual Student's rule per keypoint,
# see UncertaintySelector): a member is stable when kept and its view
# uncertainty (the largest per-pixel standard deviation over the
# pseudo-label views) is at most 0.1, a first bound to be measured.
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(selector=dict(mode='stability', stable_uncertainty=0.1))
