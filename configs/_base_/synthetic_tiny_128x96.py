# The embedded synthetic benchmark: a narrow ResNet-18 SimpleBaseline at
# 128x96 input with 64x48 DARK heatmaps, learning from scratch on 2 CPU cores
# under bf16 autocast with channels-last weights. Data: `python
# tools/misc/make_synthetic_coco.py data/synthetic` and a split from
# `tools/misc/split_coco_pose.py` (see README); projects/regime_calibration
# has the measurements behind each choice. Only `data_root` changes for
# real COCO.
_base_ = ['mmpose::_base_/default_runtime.py']

custom_imports = dict(imports=['semipose'], allow_failed_imports=False)

# runtime (iteration based: label budgets differ, schedules must not)
max_iters = 2000
val_interval = 500
train_cfg = dict(
    _delete_=True, by_epoch=False, max_iters=max_iters,
    val_interval=val_interval)
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)
# bf16 on the CPU (and on a GPU) through the project's wrapper: mmengine's
# AmpOptimWrapper asserts CUDA; heads' outputs and the loss stay fp32
optim_wrapper = dict(
    type='AutocastOptimWrapper', optimizer=dict(type='Adam', lr=2e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=max_iters,
         T_max=max_iters - 100, eta_min=1e-5, by_epoch=False),
]
default_hooks = dict(
    sanity_check=dict(type='SanityCheckHook'),
    logger=dict(interval=50, log_metric_by_epoch=False),
    checkpoint=dict(type='AtomicCheckpointHook', by_epoch=False,
                    interval=val_interval, max_keep_ckpts=1,
                    save_best='coco/AP', rule='greater'))
custom_hooks = [dict(type='ChannelsLastHook')]
env_cfg = dict(cudnn_benchmark=False)

# 64x48 heatmaps (2 input pixels per heatmap pixel, the paper's 256x192 ->
# 64x48 ratio) with DARK encoding and decoding: the full-label model is
# limited by localisation at 32x24
codec = dict(
    type='MSRAHeatmap', input_size=(96, 128), heatmap_size=(48, 64),
    sigma=2, unbiased=True, blur_kernel_size=11)

model = dict(
    type='TopdownPoseEstimator',
    data_preprocessor=dict(
        type='PoseDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    backbone=dict(
        type='ResNet', depth=18, stem_channels=16, base_channels=16,
        strides=(1, 2, 2, 1)),
    head=dict(
        type='HeatmapHead',
        in_channels=128,
        out_channels=17,
        deconv_out_channels=(64, 64, 64),
        deconv_kernel_sizes=(4, 4, 4),
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=False))

dataset_type = 'CocoDataset'
data_mode = 'topdown'
data_root = 'data/synthetic/'
labeled_ann_file = 'annotations/person_keypoints_train.first100.json'

# the labeled branch after loading; dual-student configs reuse it
topdown_augment = [
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomBBoxTransform', rotate_factor=30, scale_factor=(0.75,
                                                                     1.25)),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]
train_pipeline = [dict(type='LoadImage'),
                  dict(type='GetBBoxCenterScale')] + topdown_augment
val_pipeline = [
    dict(type='LoadImage'),
    dict(type='GetBBoxCenterScale'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='PackPoseInputs')
]

# 16 labeled crops per iteration, as the labeled half of the dual-student
# batch: every method sees the same labeled data per iteration
train_dataloader = dict(
    batch_size=16,
    num_workers=1,
    persistent_workers=True,
    # a few labeled persons make short epochs: sample without epoch ends
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_mode=data_mode,
        ann_file=labeled_ann_file,
        data_prefix=dict(img='images/'),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=1,
    persistent_workers=True,
    drop_last=False,
    sampler=dict(type='DefaultSampler', shuffle=False, round_up=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        data_mode=data_mode,
        ann_file='annotations/person_keypoints_val.json',
        data_prefix=dict(img='images/'),
        test_mode=True,
        pipeline=val_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(
    type='CocoMetric',
    ann_file=data_root + 'annotations/person_keypoints_val.json')
test_evaluator = val_evaluator
