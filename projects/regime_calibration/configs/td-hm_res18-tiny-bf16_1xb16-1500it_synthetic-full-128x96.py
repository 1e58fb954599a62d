# Supervised full-label reference of the calibration on the 'hard' data:
# bf16 autocast (AutocastOptimWrapper), channels-last, 1,500 iterations of
# 16 crops with linear warm-up and cosine decay (the benchmark's schedule
# before it grew to 2,000), and the first benchmark's
# 32x24 heatmaps without DARK. The data:
#   python tools/misc/make_synthetic_coco.py data/synthetic_hard \
#       --difficulty hard --workers 2
_base_ = ['../../../configs/supervised/'
          'td-hm_res18-tiny_1xb16-2000it_synthetic-full-128x96.py']

max_iters = 1500
train_cfg = dict(max_iters=max_iters, val_interval=750)
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=max_iters,
         T_max=max_iters - 100, eta_min=1e-5, by_epoch=False),
]
default_hooks = dict(checkpoint=dict(interval=750))

codec = dict(
    type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(24, 32),
    sigma=1.5)
model = dict(
    head=dict(
        decoder=dict(_delete_=True, **codec),
        deconv_out_channels=(64, 64),
        deconv_kernel_sizes=(4, 4)))
data_root = 'data/synthetic_hard/'
train_dataloader = dict(
    dataset=dict(
        data_root=data_root,
        pipeline=_base_.train_pipeline[:-2] + [
            dict(type='GenerateTarget', encoder=codec),
            dict(type='PackPoseInputs')
        ]))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = val_dataloader
val_evaluator = dict(
    ann_file=data_root + 'annotations/person_keypoints_val.json')
test_evaluator = val_evaluator
