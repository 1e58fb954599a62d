from .transforms import MultiViewAugment
from .unlabeled_coco import UnlabeledCocoDataset

__all__ = ['MultiViewAugment', 'UnlabeledCocoDataset']
