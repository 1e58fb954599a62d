# The "from supervised, labeled-pipeline hard view" candidate at the lower
# label budget (the first 70 persons); see the first100 config.
_base_ = ['./dual-student-from-supervised-labeled-hard-view_res18-tiny_1xb32-'
          '2000it_synthetic-first100-128x96.py']

labeled_dataset = _base_.labeled_dataset
labeled_dataset.ann_file = 'annotations/person_keypoints_train.first70.json'
train_dataloader = dict(
    dataset=dict(datasets=[labeled_dataset, _base_.unlabeled_dataset]))
load_from = 'work_dirs/pair_from_supervised/first70.pth'
