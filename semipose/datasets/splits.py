"""Labeled/unlabeled splits of a COCO keypoints file.

Two protocols:

* ``first_n``: the paper's and PoseDual's. Labeled = the first N valid person
  instances in mmpose's ``CocoDataset`` order (``CocoDataset(indices=N)``);
  unlabeled = every image of the file (as in the paper, which uses all of
  train2017 as unlabeled data).
* ``random``: a random image-level split by percentage and fold, sampled
  without replacement; labeled and unlabeled images are disjoint.

A labeled split grows by chosen persons (``grow_split``), for instance the
ones ``tools/misc/pseudo_label.py --rank`` found most uncertain.

Each split writes the labeled and unlabeled annotation files and, next to
them, the image-id lists, so that a split is read at train time and never
regenerated from a seed.
"""
import json
import os
import os.path as osp
from typing import Dict, List, Optional, Set

import numpy as np

from .coco_utils import load_coco_keypoints, valid_instances


def _subset(data: Dict, image_ids: Set[int],
            ann_ids: Optional[Set[int]] = None) -> Dict:
    """The images in ``image_ids`` and their annotations (only ``ann_ids``
    where given), in the original order."""
    return dict(
        data,
        images=[img for img in data['images'] if img['id'] in image_ids],
        annotations=[
            ann for ann in data['annotations'] if ann['image_id'] in image_ids
            and (ann_ids is None or ann['id'] in ann_ids)
        ])


def _write(data: Dict, path: str) -> str:
    with open(path, 'w') as f:
        json.dump(data, f)
    with open(path[:-len('.json')] + '.img_ids.txt', 'w') as f:
        f.write('\n'.join(str(img['id']) for img in data['images']) + '\n')
    return path


def split_first_n(ann_file: str, num_labeled: int,
                  out_dir: Optional[str] = None) -> Dict[str, str]:
    """Split by the paper's protocol: the first ``num_labeled`` valid persons.

    Args:
        ann_file (str): COCO keypoints file, e.g.
            ``person_keypoints_train2017.json``.
        num_labeled (int): number of labeled person instances.
        out_dir (str, optional): output folder. Defaults to the folder of
            ``ann_file``.

    Returns:
        dict: ``labeled`` and ``unlabeled`` annotation file paths.
    """
    data = load_coco_keypoints(ann_file)
    instances = valid_instances(data)
    if not 0 < num_labeled <= len(instances):
        raise ValueError(
            f'{ann_file}: asked for {num_labeled} labeled persons but the '
            f'file has {len(instances)} valid person instances')
    chosen = instances[:num_labeled]
    labeled = _subset(data, {ann['image_id'] for ann in chosen},
                      {ann['id'] for ann in chosen})
    stem = _stem(ann_file, out_dir)
    return dict(
        labeled=_write(labeled, f'{stem}.first{num_labeled}.json'),
        unlabeled=_write(data, f'{stem}.first{num_labeled}-unlabeled.json'))


def split_random(ann_file: str, percent: float, fold: int = 1,
                 out_dir: Optional[str] = None) -> Dict[str, str]:
    """Random image-level split: ``percent`` % of the images that hold a valid
    person are labeled, all other images are unlabeled.

    Args:
        ann_file (str): COCO keypoints file.
        percent (float): labeled share in percent, in (0, 100).
        fold (int): fold index, the seed of the draw. Defaults to 1.
        out_dir (str, optional): output folder. Defaults to the folder of
            ``ann_file``.

    Returns:
        dict: ``labeled`` and ``unlabeled`` annotation file paths.
    """
    if not 0 < percent < 100:
        raise ValueError(f'percent must be in (0, 100), got {percent}')
    data = load_coco_keypoints(ann_file)
    candidates: List[int] = sorted(
        {ann['image_id'] for ann in valid_instances(data)})
    num = int(round(len(candidates) * percent / 100))
    if num == 0:
        raise ValueError(
            f'{ann_file}: {percent}% of {len(candidates)} images with valid '
            f'persons is no image')
    rng = np.random.default_rng(fold)
    labeled_ids = set(rng.choice(candidates, size=num, replace=False).tolist())
    unlabeled_ids = {img['id'] for img in data['images']} - labeled_ids
    stem = _stem(ann_file, out_dir) + f'.{fold}@{percent:g}'
    return dict(
        labeled=_write(_subset(data, labeled_ids), f'{stem}.json'),
        unlabeled=_write(_subset(data, unlabeled_ids),
                         f'{stem}-unlabeled.json'))


def grow_split(ann_file: str, labeled_file: str, person_ids: List[int],
               out_file: Optional[str] = None) -> str:
    """Add the persons ``person_ids`` of ``ann_file`` (with their labels) to
    the labeled split ``labeled_file``.

    Args:
        ann_file (str): the full COCO keypoints file the split came from.
        labeled_file (str): the labeled split to grow.
        person_ids (list[int]): annotation ids in ``ann_file``.
        out_file (str, optional): defaults to ``labeled_file`` with
            ``+{len(person_ids)}`` before ``.json``.

    Returns:
        str: the grown split's path (its image ids are written next to it).
    """
    data = load_coco_keypoints(ann_file)
    labeled = load_coco_keypoints(labeled_file)
    known = {ann['id'] for ann in data['annotations']}
    missing = [i for i in person_ids if i not in known]
    if missing:
        raise ValueError(f'{ann_file}: no annotation with id {missing[:5]} '
                         f'({len(missing)} of {len(person_ids)} ids missing)')
    ann_ids = {ann['id'] for ann in labeled['annotations']} | set(person_ids)
    image_ids = {ann['image_id'] for ann in data['annotations']
                 if ann['id'] in ann_ids}
    if out_file is None:
        stem = labeled_file[:-len('.json')] if labeled_file.endswith(
            '.json') else labeled_file
        out_file = f'{stem}+{len(person_ids)}.json'
    return _write(_subset(data, image_ids, ann_ids), out_file)


def _stem(ann_file: str, out_dir: Optional[str]) -> str:
    out_dir = out_dir or osp.dirname(osp.abspath(ann_file))
    os.makedirs(out_dir, exist_ok=True)
    name = osp.basename(ann_file)
    return osp.join(out_dir, name[:-len('.json')] if name.endswith('.json')
                    else name)
