# The self-training round of the first100 budget: the first 100 labeled
# persons plus the pseudo-labels of a pair trained at that budget (make them
# as in the first70 config's header, with the first100 pair).
_base_ = ['./self-training_res18-tiny_1xb32-2000it_synthetic-first70-'
          '128x96.py']

labeled_ann_file = 'annotations/person_keypoints_train.first100.json'
pseudo_ann_file = 'annotations/pseudo_labels.first100.json'
train_dataloader = dict(dataset=dict(datasets=[
    dict(_base_.train_dataloader.dataset.datasets[0],
         ann_file=labeled_ann_file),
    dict(_base_.train_dataloader.dataset.datasets[1], ann_file=pseudo_ann_file)
]))
