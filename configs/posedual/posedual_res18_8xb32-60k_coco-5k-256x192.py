# PoseDual on COCO with 5000 labeled persons, res18 students.
_base_ = ['../_base_/coco_posedual_res18_256x192.py']

labeled_dataset = _base_.labeled_dataset
labeled_dataset.ann_file = ('annotations/'
                            'person_keypoints_train2017.first5000.json')
train_dataloader = dict(
    dataset=dict(datasets=[labeled_dataset, _base_.unlabeled_dataset]))
