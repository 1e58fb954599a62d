# COCO + wild: all of train2017 labeled, COCO unlabeled2017 unlabeled with
# person boxes from an mmdet detector, ResNet-50 students (published
# reference: supervised 70.9, PoseDual 73.9 AP on val2017).
# Boxes: python tools/misc/detect_persons.py DET_CONFIG DET_CKPT \
#     data/coco/unlabeled2017 \
#     --out data/coco/person_detection_results/unlabeled2017_persons.json
_base_ = ['../_base_/coco_dual_student_res18_256x192.py']

model = dict(
    student=dict(
        backbone=dict(
            depth=50,
            init_cfg=dict(
                type='Pretrained', checkpoint='torchvision://resnet50')),
        head=dict(in_channels=2048)))
labeled_dataset = _base_.labeled_dataset
labeled_dataset.ann_file = 'annotations/person_keypoints_train2017.json'
unlabeled_dataset = dict(
    type='UnlabeledCocoDataset',
    data_root=_base_.data_root,
    ann_file='annotations/image_info_unlabeled2017.json',
    det_file='person_detection_results/unlabeled2017_persons.json',
    det_score_thr=0.5,
    data_prefix=dict(img='unlabeled2017/'))
train_dataloader = dict(
    dataset=dict(datasets=[labeled_dataset, unlabeled_dataset]))
