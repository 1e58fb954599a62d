from .pseudo_heatmap_denoiser import PseudoHeatmapDenoiser

__all__ = ['PseudoHeatmapDenoiser']
