# As the bf16 reference, with DARK (unbiased) encoding and decoding of the
# 32x24 heatmaps.
_base_ = ['./td-hm_res18-tiny-bf16_1xb16-1500it_synthetic-full-128x96.py']

codec = dict(
    type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(24, 32),
    sigma=1.5, unbiased=True, blur_kernel_size=7)
model = dict(head=dict(decoder=codec))
train_dataloader = dict(dataset=dict(pipeline=_base_.train_pipeline[:-2] + [
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]))
