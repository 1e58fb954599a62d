"""Checking the annotation files of dataset configs before they are built.

mmpose's COCO-style datasets hand an annotation file to xtcocotools and
mmengine unchecked: a malformed file fails inside xtcocotools, and a file
without a single valid person fails in mmengine's serialisation with ``need
at least one array to concatenate``; neither names the file. The training
and test tools call :func:`check_dataset_cfg` before the runner is built.
"""
import os.path as osp
from typing import Dict, Optional

from mmpose.datasets.datasets.base import BaseCocoStyleDataset
from mmpose.registry import DATASETS

from .coco_utils import CocoFormatError, load_coco_keypoints, valid_instances
from .unlabeled_coco import UnlabeledCocoDataset


def _dataset_class(type_name) -> Optional[type]:
    if isinstance(type_name, type):
        return type_name
    return DATASETS.get(type_name)


def check_dataset_cfg(cfg: Dict) -> None:
    """Check every COCO-style annotation file of a dataset config.

    Wrappers (``datasets=[...]`` as in ``CombinedDataset``, ``dataset=...``
    as in ``RepeatDataset``) are searched. Each file of a stock COCO-style
    dataset must be a COCO keypoints JSON (see
    :func:`~semipose.datasets.coco_utils.load_coco_keypoints`); a training
    set (``test_mode=False``, top-down) must keep at least one valid person
    after mmpose's filtering and its ``indices``. ``UnlabeledCocoDataset``
    checks its own files when it is built.

    Args:
        cfg (dict): a dataset config, e.g. ``cfg.train_dataloader.dataset``.

    Raises:
        FileNotFoundError: an annotation file does not exist.
        CocoFormatError: a file is malformed or keeps no valid person; the
            message names the file and the field.
    """
    if cfg.get('datasets') is not None:
        for sub in cfg['datasets']:
            check_dataset_cfg(sub)
        return
    if cfg.get('dataset') is not None:
        check_dataset_cfg(cfg['dataset'])
        return
    cls = _dataset_class(cfg.get('type'))
    if (cls is None or not issubclass(cls, BaseCocoStyleDataset)
            or issubclass(cls, UnlabeledCocoDataset)
            or not cfg.get('ann_file')):
        return
    path = cfg['ann_file']
    if not osp.isabs(path):
        path = osp.join(cfg.get('data_root') or '', path)
    data = load_coco_keypoints(path)
    if cfg.get('test_mode', False) or cfg.get('data_mode',
                                              'topdown') != 'topdown':
        if not data['annotations']:
            raise CocoFormatError(f'{path}: field "annotations" is empty')
        return
    num_valid = len(valid_instances(data))
    indices = cfg.get('indices')
    if isinstance(indices, int):
        num_valid = min(num_valid, abs(indices))
    elif indices is not None:
        num_valid = len([i for i in indices if -num_valid <= i < num_valid])
    if num_valid == 0:
        raise CocoFormatError(
            f'{path}: no valid person instance for training in field '
            f'"annotations" ({len(data["annotations"])} annotations, '
            f'indices={indices}); a valid one is not a crowd, has '
            f'num_keypoints > 0, a box of positive size inside its image and '
            f'a labeled keypoint')
