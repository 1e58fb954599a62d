# PoseDual with Joint Cutout on COCO 1K (published: 44.6 AP).
_base_ = ['./posedual_res18_8xb32-60k_coco-1k-256x192.py']

model = dict(joint_cutout=dict(num_joints=5, size=0.1))
