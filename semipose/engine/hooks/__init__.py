from .atomic_checkpoint import AtomicCheckpointHook
from .channels_last import ChannelsLastHook
from .pseudo_heatmap_denoiser import PseudoHeatmapDenoiser
from .sanity_check import SanityCheckHook

__all__ = [
    'AtomicCheckpointHook', 'ChannelsLastHook', 'PseudoHeatmapDenoiser',
    'SanityCheckHook'
]
