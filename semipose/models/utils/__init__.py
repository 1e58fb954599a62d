from .heatmap_ops import (aggregate_heatmaps, heatmap_peaks,
                          threshold_and_refine,
                          image_to_heatmap_matrices, invert_affine,
                          render_gaussians, transform_points,
                          uncertainty_rank_weights, view_uncertainty,
                          warp_heatmaps)

__all__ = [
    'aggregate_heatmaps', 'heatmap_peaks', 'image_to_heatmap_matrices',
    'invert_affine', 'render_gaussians', 'transform_points',
    'threshold_and_refine', 'uncertainty_rank_weights', 'view_uncertainty',
    'warp_heatmaps'
]
