# Supervised baseline at a third label budget: the first 400 valid
# persons (about 5 % of the training persons).
_base_ = ['./td-hm_res18-tiny_1xb16-600it_synthetic-first100-128x96.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train.first400.json'))
