# The first100 config at the lower label budget: the first 70 valid
# persons (about 1.2 % of the 6,027 training persons) labeled.
_base_ = [
    './posedual-plain-easy_res18-tiny_1xb32-2000it_synthetic-first100-'
    '128x96.py'
]

labeled_dataset = _base_.labeled_dataset
labeled_dataset.ann_file = 'annotations/person_keypoints_train.first70.json'
train_dataloader = dict(
    dataset=dict(datasets=[labeled_dataset, _base_.unlabeled_dataset]))
