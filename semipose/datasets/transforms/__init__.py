from .loading import LoadImageOrSkip
from .multi_view_augment import MultiViewAugment

__all__ = ['LoadImageOrSkip', 'MultiViewAugment']
