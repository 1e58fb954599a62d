# Candidate "rotated easy view" (ours' default until the plain easy view
# was measured): pseudo-labels are made on PoseDual's easy view, a random
# rotation, scale and flip of the person's box (MultiViewAugment's
# default), as PoseDual's teacher sees it. The base file's `semi_pipeline`
# still has that view; `multi_view` follows it (_delete_: a child's dict
# is merged into the base's, whose `easy` entry would stay).
# Built on 'view-std uncertainty', ours' default when it was measured.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

multi_view = dict(_delete_=True, **_base_.semi_pipeline[-1])
train_dataloader = dict(dataset=dict(pipeline=_base_.semi_pipeline))
