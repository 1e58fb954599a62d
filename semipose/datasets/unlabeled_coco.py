"""Unlabeled person crops from a COCO-style file."""
import json
import os.path as osp
from typing import List, Optional

import numpy as np
from mmpose.datasets.datasets.base import BaseCocoStyleDataset
from mmpose.registry import DATASETS

from .coco_utils import CocoFormatError


@DATASETS.register_module()
class UnlabeledCocoDataset(BaseCocoStyleDataset):
    """Person boxes of a COCO-style file, for unlabeled top-down training.

    Boxes come either from the annotations of ``ann_file`` (their keypoints
    are ignored: crowd and empty boxes are skipped) or, when ``det_file`` is
    given, from a COCO detection results file (``[{"image_id", "bbox",
    "score", "category_id"}]``, as written by ``tools/misc/detect_persons.py``)
    keeping person boxes with ``score >= det_score_thr``. ``ann_file`` then
    only provides the images (e.g. COCO's ``image_info_unlabeled2017.json``).
    Every sample carries ``unlabeled=True`` for :class:`MultiViewAugment`.

    Args:
        ann_file (str): COCO-style file with ``images`` (and ``annotations``
            when ``det_file`` is not given).
        det_file (str, optional): detection results file.
        det_score_thr (float): minimal detection score. Defaults to 0.5.
        min_box_size (float): minimal box width and height in pixels.
            Defaults to 2.
        **kwargs: see :class:`BaseCocoStyleDataset` (``data_root``,
            ``data_prefix``, ``pipeline``, ``metainfo`` ...).
    """
    METAINFO: dict = dict(from_file='configs/_base_/datasets/coco.py')

    def __init__(self,
                 ann_file: str,
                 det_file: Optional[str] = None,
                 det_score_thr: float = 0.5,
                 min_box_size: float = 2.,
                 **kwargs):
        self.det_file = det_file
        self.det_score_thr = det_score_thr
        self.min_box_size = min_box_size
        super().__init__(ann_file=ann_file, **kwargs)

    def _read_json(self, path: str, what: str):
        if not osp.isfile(path):
            raise FileNotFoundError(
                f'{self.__class__.__name__}: {what} not found: {path}')
        try:
            with open(path) as f:
                return json.load(f)
        except json.JSONDecodeError as e:
            raise CocoFormatError(f'{path}: not valid JSON ({e})') from e

    def load_data_list(self) -> List[dict]:
        coco = self._read_json(self.ann_file, 'ann_file')
        if not isinstance(coco, dict) or not isinstance(
                coco.get('images'), list):
            raise CocoFormatError(
                f'{self.ann_file}: field "images" is missing or not a list')
        images = {img['id']: img for img in coco['images']}
        if self.det_file:
            dets = self._read_json(self.det_file, 'det_file')
            if not isinstance(dets, list):
                raise CocoFormatError(
                    f'{self.det_file}: a detection results file is a JSON '
                    f'list of {{"image_id", "bbox", "score", "category_id"}}')
            boxes = [d for d in dets if d.get('category_id', 1) == 1
                     and d.get('score', 0.) >= self.det_score_thr]
            if not boxes:
                raise ValueError(
                    f'{self.det_file}: no person box with score >= '
                    f'{self.det_score_thr} (field "score"); lower '
                    f'det_score_thr or check the detector')
            source = self.det_file
        else:
            if not isinstance(coco.get('annotations'), list):
                raise CocoFormatError(
                    f'{self.ann_file}: field "annotations" is missing; give '
                    f'person boxes there or a det_file')
            boxes = [a for a in coco['annotations'] if not a.get('iscrowd', 0)]
            source = self.ann_file

        data_list = []
        for i, box in enumerate(boxes):
            img = images.get(box.get('image_id'))
            if img is None:
                raise CocoFormatError(
                    f'{source}: entry {i} has image_id '
                    f'{box.get("image_id")} that is not in the "images" of '
                    f'{self.ann_file}')
            bbox = box.get('bbox')
            if not isinstance(bbox, list) or len(bbox) != 4:
                raise CocoFormatError(
                    f'{source}: entry {i}: field "bbox" must be [x, y, w, h]')
            x, y, w, h = bbox
            x1, y1 = np.clip([x, y], 0, [img['width'] - 1, img['height'] - 1])
            x2, y2 = np.clip([x + w, y + h], 0,
                             [img['width'] - 1, img['height'] - 1])
            if min(x2 - x1, y2 - y1) < self.min_box_size:
                continue
            data_list.append(dict(
                id=box.get('id', i), img_id=img['id'],
                img_path=osp.join(self.data_prefix['img'], img['file_name']),
                bbox=np.array([[x1, y1, x2, y2]], dtype=np.float32),
                bbox_score=np.array([box.get('score', 1.)], dtype=np.float32),
                unlabeled=True))
        if not data_list:
            raise ValueError(f'{self.__class__.__name__}: no usable person '
                             f'box in {source}')
        return data_list
