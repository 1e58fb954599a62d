# PoseDual on the easy view of ours and denoise only: the person's plain crop
# with a random flip instead of PoseDual's own easy view (rotation up to 60
# deg, scale 0.75-1.25). The hard view keeps its random rotation and scale
# relative to the easy view. A candidate: it separates what the easy view
# adds from what denoising adds in the ablation (PoseDual -> denoise only).
_base_ = ['./posedual_res18-tiny_1xb32-2000it_synthetic-first100-128x96.py']

multi_view = dict(_base_.multi_view, easy=dict(flip_prob=0.5))
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
