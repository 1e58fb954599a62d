# Supervised baseline at the lower label budget: the first 70 valid
# persons (about 1.2 % of the 6,027 training persons).
_base_ = ['./td-hm_res18-tiny_1xb16-2000it_synthetic-first100-128x96.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train.first70.json'))
