# The paper's "supervised" row: ResNet-18 SimpleBaseline, 256x192, trained
# on the first 1000 valid persons of COCO train2017, evaluated on val2017
# with GT boxes and no flip test (published: 31.5 AP).
# Split: python tools/misc/split_coco_pose.py \
#     data/coco/annotations/person_keypoints_train2017.json --first-n 1000
# Assumes 8 GPUs x 64 crops: tools/dist_train.sh CONFIG 8
_base_ = ['mmpose::body_2d_keypoint/topdown_heatmap/coco/'
          'td-hm_res50_8xb64-210e_coco-256x192.py']

model = dict(
    backbone=dict(
        depth=18,
        init_cfg=dict(type='Pretrained', checkpoint='torchvision://resnet18')),
    head=dict(in_channels=512),
    test_cfg=dict(flip_test=False))

train_dataloader = dict(
    dataset=dict(ann_file=('annotations/'
                           'person_keypoints_train2017.first1000.json')))
val_dataloader = dict(dataset=dict(bbox_file=None))
test_dataloader = val_dataloader
