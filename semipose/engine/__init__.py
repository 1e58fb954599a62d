from .hooks import (AtomicCheckpointHook, ChannelsLastHook,
                    PseudoHeatmapDenoiser, SanityCheckHook)
from .optimizers import AutocastOptimWrapper, fp32_head_outputs

__all__ = [
    'AtomicCheckpointHook', 'ChannelsLastHook', 'PseudoHeatmapDenoiser',
    'SanityCheckHook', 'AutocastOptimWrapper', 'fp32_head_outputs'
]
