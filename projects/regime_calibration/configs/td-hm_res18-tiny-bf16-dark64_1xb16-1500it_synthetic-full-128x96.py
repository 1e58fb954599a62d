# As the bf16 reference, with 64x48 heatmaps (a third deconvolution: the
# heatmap pixel is 2 input pixels, the paper's 256x192 -> 64x48 ratio
# relative to the person) and DARK encoding and decoding.
_base_ = ['./td-hm_res18-tiny-bf16_1xb16-1500it_synthetic-full-128x96.py']

codec = dict(
    type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(48, 64),
    sigma=2, unbiased=True, blur_kernel_size=11)
model = dict(
    head=dict(
        decoder=codec,
        deconv_out_channels=(64, 64, 64),
        deconv_kernel_sizes=(4, 4, 4)))
train_dataloader = dict(dataset=dict(pipeline=_base_.train_pipeline[:-2] + [
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]))
