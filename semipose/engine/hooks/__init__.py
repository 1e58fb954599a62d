from .channels_last import ChannelsLastHook
from .pseudo_heatmap_denoiser import PseudoHeatmapDenoiser
from .sanity_check import SanityCheckHook

__all__ = ['ChannelsLastHook', 'PseudoHeatmapDenoiser', 'SanityCheckHook']
