from .hooks import PseudoHeatmapDenoiser, SanityCheckHook

__all__ = ['PseudoHeatmapDenoiser', 'SanityCheckHook']
