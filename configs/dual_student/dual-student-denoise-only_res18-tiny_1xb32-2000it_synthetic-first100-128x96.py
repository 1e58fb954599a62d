# Ablation "denoise only": multi-view pseudo-heatmaps with
# threshold-and-refine, but each student always learns from its peer's
# (PoseDual's cross supervision), without uncertainty-guided selection.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(selector=dict(mode='peer'))
