# Candidate "uncertainty-ranked weights": ours' min_uncertainty selection,
# each selected target weighted by its uncertainty rank among the batch's
# kept targets of its keypoint type (weights from 2 down to 0, mean 1; see
# UncertaintySelector). Within a type the uncertainty tells good targets
# from bad ones, across the two students it does not (docstring numbers).
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(selector=dict(weighting='uncertainty_rank'))
