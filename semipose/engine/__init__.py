from .hooks import (AtomicCheckpointHook, ChannelsLastHook,
                    PseudoHeatmapDenoiser, SanityCheckHook)
from .optimizers import (AutocastOptimWrapper, cpu_runs_bf16_natively,
                         fp32_head_outputs)

__all__ = [
    'AtomicCheckpointHook', 'ChannelsLastHook', 'PseudoHeatmapDenoiser',
    'SanityCheckHook', 'AutocastOptimWrapper', 'cpu_runs_bf16_natively',
    'fp32_head_outputs'
]
