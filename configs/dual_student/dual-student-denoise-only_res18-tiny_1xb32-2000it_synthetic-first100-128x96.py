# Ablation "denoise only": multi-view pseudo-heatmaps with
# threshold-and-refine, but each student always learns from its peer's
# (PoseDual's cross supervision), without uncertainty-guided selection.
# Built on 'view-std uncertainty': 'peer' ignores the uncertainty, and
# its kept runs were trained with it.
_base_ = ['./dual-student-view-std_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(selector=dict(mode='peer'))
