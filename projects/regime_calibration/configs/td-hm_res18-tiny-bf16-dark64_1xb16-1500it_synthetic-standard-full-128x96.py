# The dark64 variant on the 'standard' difficulty of the generator:
#   python tools/misc/make_synthetic_coco.py data/synthetic_standard \
#       --difficulty standard --workers 2
#   python tools/misc/split_coco_pose.py \
#       data/synthetic_standard/annotations/person_keypoints_train.json \
#       --first-n 100 200 400
_base_ = ['./td-hm_res18-tiny-bf16-dark64_1xb16-1500it_synthetic-'
          'full-128x96.py']

data_root = 'data/synthetic_standard/'
train_dataloader = dict(
    dataset=dict(data_root=data_root,
                 ann_file='annotations/person_keypoints_train.json'))
val_dataloader = dict(dataset=dict(data_root=data_root))
test_dataloader = val_dataloader
val_evaluator = dict(
    ann_file=data_root + 'annotations/person_keypoints_val.json')
test_evaluator = val_evaluator
