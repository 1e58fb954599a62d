# Ours on COCO with 10000 labeled persons, res18 students.
# Split: python tools/misc/split_coco_pose.py \
#     data/coco/annotations/person_keypoints_train2017.json --first-n 10000
_base_ = ['../_base_/coco_dual_student_res18_256x192.py']

labeled_dataset = _base_.labeled_dataset
labeled_dataset.ann_file = ('annotations/'
                            'person_keypoints_train2017.first10000.json')
train_dataloader = dict(
    dataset=dict(datasets=[labeled_dataset, _base_.unlabeled_dataset]))
