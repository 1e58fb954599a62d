# Ours: multi-view pseudo-heatmaps (identity, flip, +-30 deg), max
# aggregation, threshold-and-refine, selection by the lowest view
# uncertainty.
_base_ = ['../_base_/synthetic_semi_tiny_128x96.py']
