from .heatmap_ops import (aggregate_heatmaps, heatmap_peaks,
                          image_to_heatmap_matrices, invert_affine,
                          render_gaussians, transform_points, view_uncertainty,
                          warp_heatmaps)

__all__ = [
    'aggregate_heatmaps', 'heatmap_peaks', 'image_to_heatmap_matrices',
    'invert_affine', 'render_gaussians', 'transform_points',
    'view_uncertainty', 'warp_heatmaps'
]
