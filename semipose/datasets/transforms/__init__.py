from .multi_view_augment import MultiViewAugment

__all__ = ['MultiViewAugment']
