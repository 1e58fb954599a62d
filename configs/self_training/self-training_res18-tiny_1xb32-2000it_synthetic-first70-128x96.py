# Self-training round: one plain mmpose student (the supervised baseline's
# model, schedule and seed) trained on the first 70 labeled persons plus the
# pseudo-labels of a trained dual-student pair, 16 + 16 crops per iteration
# (the labeled half as in every synthetic config). Only kept pseudo-keypoints
# teach: dropped ones are written with v=0 and get weight 0, and persons
# without a kept keypoint are skipped by mmpose's CocoDataset.
#
# Make the pseudo-labels first (every training person; the 70 labeled ones
# appear in both sets, 1.2 % of the pseudo-labeled persons):
#   OURS=dual-student_res18-tiny_1xb32-2000it_synthetic-first70-128x96
#   python tools/misc/pseudo_label.py \
#       configs/dual_student/$OURS.py work_dirs/$OURS/iter_2000.pth \
#       --ann data/synthetic/annotations/person_keypoints_train.json \
#       --img-prefix data/synthetic/images \
#       --out data/synthetic/annotations/pseudo_labels.first70.json
_base_ = ['../_base_/synthetic_tiny_128x96.py']

batch_size = 32  # half labeled, half pseudo-labeled
labeled_ann_file = 'annotations/person_keypoints_train.first70.json'
pseudo_ann_file = 'annotations/pseudo_labels.first70.json'
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
        # CombinedDataset runs the pipeline on the raw samples of both
        datasets=[
            dict(_base_.train_dataloader.dataset, ann_file=labeled_ann_file,
                 pipeline=[]),
            dict(_base_.train_dataloader.dataset, ann_file=pseudo_ann_file,
                 pipeline=[])
        ],
        pipeline=_base_.train_pipeline))
