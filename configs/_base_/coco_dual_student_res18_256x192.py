# Dual-student training on COCO (the paper's low-label protocol): labeled =
# the first N valid persons of train2017 (a split written by
# tools/misc/split_coco_pose.py), unlabeled = every person box of train2017,
# 1:1 per batch; ResNet-18 SimpleBaseline students at 256x192 (64x48
# heatmaps, sigma 2); Adam, lr 1e-3; evaluation on val2017 with GT boxes and
# no flip test, student A, B and the ensemble in one pass.
# Assumes 8 GPUs x 32 crops (16 labeled + 16 unlabeled):
#     tools/dist_train.sh CONFIG 8
_base_ = ['mmpose::body_2d_keypoint/topdown_heatmap/coco/'
          'td-hm_res50_8xb64-210e_coco-256x192.py']

custom_imports = dict(imports=['semipose'], allow_failed_imports=False)

data_root = 'data/coco/'
max_iters = 60000
train_cfg = dict(
    _delete_=True, by_epoch=False, max_iters=max_iters, val_interval=5000)
log_processor = dict(by_epoch=False)
optim_wrapper = dict(optimizer=dict(type='Adam', lr=1e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=500, start_factor=0.001,
         by_epoch=False),
    dict(type='MultiStepLR', begin=0, end=max_iters, by_epoch=False,
         milestones=[int(max_iters * 0.8), int(max_iters * 0.95)], gamma=0.1)
]
auto_scale_lr = dict(base_batch_size=256)
default_hooks = dict(
    sanity_check=dict(type='SanityCheckHook'),
    logger=dict(log_metric_by_epoch=False),
    checkpoint=dict(type='AtomicCheckpointHook', by_epoch=False,
                    interval=5000, max_keep_ckpts=3,
                    save_best='student_a/coco/AP', rule='greater'))

codec = dict(
    type='MSRAHeatmap', input_size=(192, 256), heatmap_size=(48, 64), sigma=2)
student = dict(
    type='TopdownPoseEstimator',
    data_preprocessor=dict(
        type='PoseDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    backbone=dict(
        type='ResNet',
        depth=18,
        init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18')),
    head=dict(
        type='HeatmapHead',
        in_channels=512,
        out_channels=17,
        loss=dict(type='KeypointMSELoss', use_target_weight=True),
        decoder=codec),
    test_cfg=dict(flip_test=False))
model = dict(
    _delete_=True,
    type='DualStudentPoseEstimator',
    student=student,
    data_preprocessor=dict(
        type='MultiViewPoseDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    selector=dict(type='UncertaintySelector', mode='min_uncertainty'),
    aggregation='max',
    refine=True,
    # measured across the students (as on the synthetic benchmark, where it
    # beat each student's own view std on every seed at 70 labels)
    uncertainty='disagreement',
    predict_on='all')

topdown_augment = [
    dict(type='RandomFlip', direction='horizontal'),
    dict(type='RandomHalfBody'),
    dict(type='RandomBBoxTransform'),
    dict(type='TopdownAffine', input_size=codec['input_size']),
    dict(type='GenerateTarget', encoder=codec),
    dict(type='PackPoseInputs')
]
multi_view = dict(
    type='MultiViewAugment',
    input_size=codec['input_size'],
    sup_pipeline=topdown_augment,
    views=[dict(), dict(flip=True), dict(rotate=30.), dict(rotate=-30.)])
# an unreadable unlabeled image is skipped with a warning (LoadImageOrSkip)
semi_pipeline = [
    dict(type='LoadImageOrSkip'),
    dict(type='GetBBoxCenterScale'), multi_view
]
labeled_dataset = dict(
    type='CocoDataset',
    data_root=data_root,
    data_mode='topdown',
    ann_file='annotations/person_keypoints_train2017.first1000.json',
    data_prefix=dict(img='train2017/'))
unlabeled_dataset = dict(
    type='UnlabeledCocoDataset',
    data_root=data_root,
    ann_file='annotations/person_keypoints_train2017.json',
    data_prefix=dict(img='train2017/'))
batch_size = 32
train_dataloader = dict(
    _delete_=True,
    batch_size=batch_size,
    num_workers=4,
    persistent_workers=True,
    sampler=dict(
        type='MultiSourceSampler', batch_size=batch_size,
        source_ratio=[1, 1]),
    dataset=dict(
        type='CombinedDataset',
        metainfo=dict(from_file='configs/_base_/datasets/coco.py'),
        datasets=[labeled_dataset, unlabeled_dataset],
        pipeline=semi_pipeline))

# the denoiser first (variants address it as custom_hooks[0]), then mmpose's
# SyncBuffersHook: with 8 processes each rank validates its share with its
# own BN statistics unless they are synchronised first
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.5, unsup_weight=1.0,
         warmup_iters=2000, rampup_iters=10000, vis_interval=2000)
] + _base_.custom_hooks

# GT boxes, as in the paper's protocol
val_dataloader = dict(dataset=dict(bbox_file=None))
test_dataloader = val_dataloader
val_evaluator = dict(
    _delete_=True,
    type='MultiStudentMetric',
    metric=dict(
        type='CocoMetric',
        ann_file=data_root + 'annotations/person_keypoints_val2017.json'))
test_evaluator = val_evaluator
