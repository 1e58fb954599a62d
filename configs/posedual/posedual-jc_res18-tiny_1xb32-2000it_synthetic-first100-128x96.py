# PoseDual with Joint Cutout (the published "PoseDual (+JC)" rows): each
# student's hard view hides 5 squares around joints its peer predicts.
_base_ = ['./posedual_res18-tiny_1xb32-2000it_synthetic-first100-128x96.py']

model = dict(joint_cutout=dict(num_joints=5, size=0.1))
