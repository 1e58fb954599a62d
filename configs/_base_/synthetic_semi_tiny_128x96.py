# Dual-student training on the synthetic benchmark: labeled persons (a split
# of the training file) and every training person as unlabeled data, 1:1 per
# batch. Method variants override `model` and the `PseudoHeatmapDenoiser`
# hook; everything else (students, data, schedule, seed) is shared.
_base_ = ['./synthetic_tiny_128x96.py']

student = _base_.model
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
    # ours' configs measure it across the students ('disagreement');
    # PoseDual's 'peer' selection ignores it
    uncertainty='view_std',
    predict_on='all')

# Views of unlabeled crops (easy and hard views as in PoseDual: the
# MultiViewAugment defaults) and the K pseudo-label views, relative to the
# easy view. The transform runs in the CombinedDataset's pipeline: a variant
# restates this pipeline to change the views.
multi_view = dict(
    type='MultiViewAugment',
    input_size=_base_.codec.input_size,
    sup_pipeline=_base_.topdown_augment,
    views=[dict(), dict(flip=True), dict(rotate=30.), dict(rotate=-30.)])
# an unreadable unlabeled image is skipped with a warning (LoadImageOrSkip)
semi_pipeline = [
    dict(type='LoadImageOrSkip'),
    dict(type='GetBBoxCenterScale'), multi_view
]
labeled_dataset = dict(
    type='CocoDataset',
    data_root=_base_.data_root,
    data_mode='topdown',
    ann_file=_base_.labeled_ann_file,
    data_prefix=dict(img='images/'))
unlabeled_dataset = dict(
    type='UnlabeledCocoDataset',
    data_root=_base_.data_root,
    ann_file='annotations/person_keypoints_train.json',
    data_prefix=dict(img='images/'))

batch_size = 32  # half labeled, half unlabeled
train_dataloader = dict(
    _delete_=True,
    batch_size=batch_size,
    num_workers=1,
    persistent_workers=True,
    sampler=dict(
        type='MultiSourceSampler', batch_size=batch_size,
        source_ratio=[1, 1]),
    dataset=dict(
        type='CombinedDataset',
        metainfo=dict(from_file='configs/_base_/datasets/coco.py'),
        datasets=[labeled_dataset, unlabeled_dataset],
        pipeline=semi_pipeline))

# the denoiser first: variants and tests address it as custom_hooks[0]
custom_hooks = [
    dict(type='PseudoHeatmapDenoiser', threshold=0.5, unsup_weight=1.0,
         warmup_iters=500, rampup_iters=500,
         vis_interval=_base_.val_interval)
] + _base_.custom_hooks

val_evaluator = dict(
    _delete_=True,
    type='MultiStudentMetric',
    metric=_base_.val_evaluator)
test_evaluator = val_evaluator
default_hooks = dict(checkpoint=dict(save_best='student_a/coco/AP'))
