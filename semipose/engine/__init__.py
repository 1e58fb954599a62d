from .hooks import ChannelsLastHook, PseudoHeatmapDenoiser, SanityCheckHook
from .optimizers import AutocastOptimWrapper, fp32_head_outputs

__all__ = [
    'ChannelsLastHook', 'PseudoHeatmapDenoiser', 'SanityCheckHook',
    'AutocastOptimWrapper', 'fp32_head_outputs'
]
