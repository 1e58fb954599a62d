# PoseDual on the easy view of ours and denoise only: the person's plain crop
# with a random flip instead of PoseDual's own easy view (rotation up to 60
# deg, scale 0.75-1.25). The hard view keeps its random rotation and scale
# relative to the easy view. A candidate: it separates what the easy view
# adds from what denoising adds in the ablation (PoseDual -> denoise only).
# Measured (fp32 geometry, student A, seeds 0/1/2; docs/results.md): at 70
# labels 18.5 +- 1.0 (PoseDual 15.9, supervised 18.0, denoise only 24.3);
# at 100 labels 30.3 +- 0.9, level with ours (30.1) and denoise only (29.9).
_base_ = ['./posedual_res18-tiny_1xb32-2000it_synthetic-first100-128x96.py']

multi_view = dict(_base_.multi_view, easy=dict(flip_prob=0.5))
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:2] + [multi_view]))
