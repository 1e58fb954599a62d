"""Fail early and clearly on bad training input, and stop on a non-finite
loss before it reaches a checkpoint."""
import math
import os.path as osp
from typing import Iterator, Optional

import mmcv
from mmengine import fileio
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper
from mmpose.registry import HOOKS

from semipose.datasets import UnlabeledCocoDataset


def _readable(path: str) -> bool:
    try:
        return mmcv.imfrombytes(fileio.get(path)) is not None
    except Exception:
        return False


def _leaf_datasets(dataset) -> Iterator:
    """The datasets inside (possibly nested) dataset wrappers."""
    inner = getattr(dataset, 'datasets', None)
    if inner is not None:
        for sub in inner:
            yield from _leaf_datasets(sub)
    elif hasattr(dataset, 'dataset'):
        yield from _leaf_datasets(dataset.dataset)
    else:
        yield dataset


@HOOKS.register_module()
class SanityCheckHook(Hook):
    """Check the training data before the first iteration and every loss
    after each iteration.

    Before training, for every dataset of the training dataloader (inside
    ``CombinedDataset`` too): it is not empty, every image file it lists
    exists, and its keypoint count matches the model's heatmap channels; the
    images of labeled datasets are also decoded once (up to
    ``max_decoded_images`` per dataset), because an unreadable labeled image
    would otherwise stop the run at the iteration that draws it (unreadable
    unlabeled images are skipped during training by ``LoadImageOrSkip``).
    Each failure names the annotation file and what was expected. After each
    iteration, a non-finite loss stops the run with its name and iteration;
    this hook runs before the checkpoint hook, so the last good checkpoint
    is never overwritten by a diverged model.

    A stock mmpose ``CocoDataset`` with a malformed file or no valid
    instance fails while the runner builds it, before any hook runs:
    ``tools/train.py`` and ``tools/test.py`` therefore call
    :func:`~semipose.datasets.check_dataset_cfg` first, and
    ``UnlabeledCocoDataset`` names its file itself.

    Args:
        check_images (bool): look for every image file. Defaults to True.
        max_decoded_images (int): labeled datasets with more images are only
            checked for presence (decoding COCO's 118K would take minutes).
            Defaults to 10000.
    """
    priority = 'ABOVE_NORMAL'

    def __init__(self, check_images: bool = True,
                 max_decoded_images: int = 10000):
        self.check_images = check_images
        self.max_decoded_images = max_decoded_images

    @staticmethod
    def _num_heatmaps(model) -> Optional[int]:
        model = model.module if is_model_wrapper(model) else model
        head = getattr(getattr(model, 'student_a', model), 'head', None)
        return getattr(head, 'out_channels', None)

    def before_train(self, runner) -> None:
        num_heatmaps = self._num_heatmaps(runner.model)
        for dataset in _leaf_datasets(runner.train_dataloader.dataset):
            name = getattr(dataset, 'ann_file', type(dataset).__name__)
            if len(dataset) == 0:
                raise ValueError(f'{name}: the training dataset '
                                 f'{type(dataset).__name__} has no sample '
                                 f'(no valid person instance)')
            num_keypoints = dataset.metainfo.get('num_keypoints')
            if num_heatmaps and num_keypoints and \
                    num_keypoints != num_heatmaps:
                raise ValueError(
                    f'{name}: the dataset has {num_keypoints} keypoints '
                    f'(metainfo "num_keypoints") but the model predicts '
                    f'{num_heatmaps} heatmaps (head.out_channels)')
            if self.check_images:
                paths = {dataset.get_data_info(i)['img_path']
                         for i in range(len(dataset))}
                missing = sorted(p for p in paths if not osp.isfile(p))
                if missing:
                    raise FileNotFoundError(
                        f'{name}: {len(missing)} of {len(paths)} image files '
                        f'are missing (field "file_name" of "images" under '
                        f'data_prefix), e.g. {missing[0]}')
                if not isinstance(dataset, UnlabeledCocoDataset):
                    self._decode(name, paths)

    def _decode(self, name: str, paths: set) -> None:
        if len(paths) > self.max_decoded_images:
            print_log(f'{name}: {len(paths)} labeled images, more than '
                      f'max_decoded_images={self.max_decoded_images}: not '
                      'decoded before training', logger='current')
            return
        unreadable = sorted(p for p in paths if not _readable(p))
        if unreadable:
            raise ValueError(
                f'{name}: {len(unreadable)} of {len(paths)} labeled images '
                f'cannot be decoded (truncated or not an image), e.g. '
                f'{unreadable[0]}')

    def after_train_iter(self, runner, batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        for name, value in (outputs or {}).items():
            if 'loss' in name and not math.isfinite(float(value)):
                raise RuntimeError(
                    f'non-finite {name} = {float(value)} at iteration '
                    f'{runner.iter + 1}; stopped before any checkpoint of '
                    f'this state (the last saved checkpoint is intact)')
