"""Reading and checking COCO person-keypoints annotation files."""
import json
import os.path as osp
from typing import Dict, List


class CocoFormatError(ValueError):
    """An annotation file that is not a usable COCO keypoints file."""


def load_coco_keypoints(path: str) -> Dict:
    """Load a COCO person-keypoints JSON and check its structure.

    Args:
        path (str): path of the annotation file.

    Returns:
        dict: the parsed JSON.

    Raises:
        FileNotFoundError: the file does not exist.
        CocoFormatError: the file is not JSON, or a required field is missing
            or malformed; the message names the file and the field.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'COCO annotation file not found: {path}')
    try:
        with open(path) as f:
            data = json.load(f)
    except json.JSONDecodeError as e:
        raise CocoFormatError(f'{path}: not valid JSON ({e})') from e
    if not isinstance(data, dict):
        raise CocoFormatError(f'{path}: expected a JSON object with "images", '
                              f'"annotations" and "categories"')
    for key in ('images', 'annotations', 'categories'):
        if not isinstance(data.get(key), list):
            raise CocoFormatError(f'{path}: field "{key}" is missing or not a '
                                  f'list')
    keypoint_cats = [c for c in data['categories'] if c.get('keypoints')]
    if not keypoint_cats:
        raise CocoFormatError(
            f'{path}: no category has a "keypoints" list; this is not a COCO '
            f'keypoints file (person_keypoints_*.json)')
    num_keypoints = len(keypoint_cats[0]['keypoints'])
    image_ids = {img.get('id') for img in data['images']}
    for i, ann in enumerate(data['annotations']):
        where = f'{path}: annotations[{i}] (id {ann.get("id")})'
        kpts = ann.get('keypoints')
        if not isinstance(kpts, list) or len(kpts) != 3 * num_keypoints:
            got = (len(kpts) if isinstance(kpts, list) else
                   type(kpts).__name__)
            raise CocoFormatError(
                f'{where}: field "keypoints" must be a list of '
                f'{3 * num_keypoints} numbers (x, y, v for {num_keypoints} '
                f'keypoints), got {got}')
        bbox = ann.get('bbox')
        if not isinstance(bbox, list) or len(bbox) != 4:
            raise CocoFormatError(
                f'{where}: field "bbox" must be [x, y, w, h]')
        if ann.get('image_id') not in image_ids:
            raise CocoFormatError(f'{where}: field "image_id" '
                                  f'{ann.get("image_id")} is not in "images"')
    return data


def is_valid_instance(ann: Dict, img: Dict) -> bool:
    """Whether mmpose's top-down ``CocoDataset`` keeps this instance for
    training (mirrors ``BaseCocoStyleDataset._is_valid_instance``)."""
    if ann.get('iscrowd', 0) or ann.get('num_keypoints', 1) == 0:
        return False
    x, y, w, h = ann['bbox']
    x1, x2 = (min(max(v, 0), img['width'] - 1) for v in (x, x + w))
    y1, y2 = (min(max(v, 0), img['height'] - 1) for v in (y, y + h))
    if x2 - x1 <= 0 or y2 - y1 <= 0:
        return False
    return max(v for i, v in enumerate(ann['keypoints']) if i % 3 != 2) > 0


def valid_instances(data: Dict) -> List[Dict]:
    """Valid person instances in the order mmpose's ``CocoDataset`` lists
    them: images in file order, their annotations in file order."""
    by_image: Dict[int, List[Dict]] = {}
    for ann in data['annotations']:
        by_image.setdefault(ann['image_id'], []).append(ann)
    return [
        ann for img in data['images'] for ann in by_image.get(img['id'], [])
        if is_valid_instance(ann, img)
    ]
