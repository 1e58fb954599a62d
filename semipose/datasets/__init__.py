from .dataset_check import check_dataset_cfg
from .transforms import LoadImageOrSkip, MultiViewAugment
from .unlabeled_coco import UnlabeledCocoDataset

__all__ = [
    'LoadImageOrSkip', 'MultiViewAugment', 'UnlabeledCocoDataset',
    'check_dataset_cfg'
]
