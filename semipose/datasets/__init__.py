from .dataset_check import check_dataset_cfg
from .transforms import MultiViewAugment
from .unlabeled_coco import UnlabeledCocoDataset

__all__ = ['MultiViewAugment', 'UnlabeledCocoDataset', 'check_dataset_cfg']
