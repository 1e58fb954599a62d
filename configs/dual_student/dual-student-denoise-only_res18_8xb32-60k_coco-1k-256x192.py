# Ablation "denoise only" on COCO 1K: multi-view threshold-and-refine,
# peer supervision without selection.
_base_ = ['./dual-student_res18_8xb32-60k_coco-1k-256x192.py']

model = dict(selector=dict(mode='peer'))
