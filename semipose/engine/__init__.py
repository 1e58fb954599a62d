from .hooks import PseudoHeatmapDenoiser

__all__ = ['PseudoHeatmapDenoiser']
