# The 64x48 DARK variant on the 'standard' data, first 100 labeled persons
# (split made as in the full-label config's header).
_base_ = ['./td-hm_res18-tiny-bf16-dark64_1xb16-1500it_synthetic-standard-'
          'full-128x96.py']

train_dataloader = dict(
    dataset=dict(ann_file='annotations/person_keypoints_train.first100.json'))
