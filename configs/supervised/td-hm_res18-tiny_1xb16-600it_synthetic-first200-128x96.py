# Supervised baseline at the second label budget: the first 200 valid
# persons (about 2.4 % of the training persons).
_base_ = ['./td-hm_res18-tiny_1xb16-600it_synthetic-first100-128x96.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train.first200.json'))
