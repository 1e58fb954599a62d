# Full-label reference of the synthetic benchmark: the supervised baseline
# on every training person (6,027), same model, schedule and seed as the
# label-budget rows.
_base_ = ['../_base_/synthetic_tiny_128x96.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train.json'))
