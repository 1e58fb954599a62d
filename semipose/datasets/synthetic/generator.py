"""Deterministic synthetic COCO person-keypoints datasets.

``make_synthetic_coco(out_dir, num_train, num_val, seed)`` writes
``out_dir/images/{train,val}/*.jpg`` and
``out_dir/annotations/person_keypoints_{train,val}.json`` in the exact format
of COCO's ``person_keypoints_*2017.json``, so mmpose's stock ``CocoDataset``
and ``CocoMetric`` read them unchanged. Every image is drawn from its own
random stream ``(seed, split, index)``: the output is byte-identical for a
seed, whatever the number of worker processes.
"""
import json
import os
import os.path as osp
from multiprocessing import Pool
from typing import Dict, List, Optional, Tuple

import cv2
import numpy as np

from .renderer import (Canvas, degrade, draw_background, draw_figure,
                       draw_occluders, keypoint_visibility, person_of_label)
from .skeleton import COCO_KEYPOINTS, COCO_SKELETON, sample_figure

IMAGE_SIZE = (192, 192)  # (width, height)
# How crowded, cluttered and degraded the images are. 'standard' (the
# default, the benchmark's data) keeps every cue and case (faces, left/right
# marks, self-occlusion, overlap, truncation, occluders, background shapes)
# with one or two large persons per image, no limb-like distractors, rare
# occluders and no blur: from scratch on 2 CPU cores the full-label model
# reaches 50+ AP in the benchmark's schedule. 'hard' (the first calibration,
# kept byte for byte) leaves it near 28 AP in the same schedule
# (projects/regime_calibration/README.md).
DEFAULT_DIFFICULTY = 'standard'
DIFFICULTIES = dict(
    hard=dict(persons=((1, 2, 3), (0.5, 0.3, 0.2)), height=(0.35, 0.9),
              pelvis_x=(-0.05, 1.05), background_shapes=(4, 14),
              limb_distractors=True, occluder_prob=0.35, blur=(0.0, 1.2),
              noise=(2.0, 10.0)),
    standard=dict(persons=((1, 2), (0.8, 0.2)), height=(0.55, 0.9),
                  pelvis_x=(0.15, 0.85), background_shapes=(1, 5),
                  limb_distractors=False, occluder_prob=0.1, blur=(0.0, 0.0),
                  noise=(3.0, 3.0)),
)
SPLITS = {'train': 0, 'val': 1}


def _check_difficulty(difficulty: str, caller: str) -> None:
    if difficulty not in DIFFICULTIES:
        raise ValueError(f'{caller}: difficulty must be one of '
                         f'{sorted(DIFFICULTIES)}, got "{difficulty}"')


CATEGORY = dict(
    id=1, name='person', supercategory='person',
    keypoints=COCO_KEYPOINTS, skeleton=COCO_SKELETON)


def render_image(seed: int, split: str, index: int,
                 image_size: Tuple[int, int] = IMAGE_SIZE,
                 difficulty: str = DEFAULT_DIFFICULTY
                 ) -> Tuple[np.ndarray, List[dict]]:
    """Draw one image and annotate its persons.

    Args:
        seed (int): dataset seed.
        split (str): ``'train'`` or ``'val'``.
        index (int): image index within the split.
        image_size (tuple): ``(width, height)`` in pixels.
        difficulty (str): a key of ``DIFFICULTIES``.

    Returns:
        tuple: the BGR image (H, W, 3) and a list of COCO annotation dicts
        without ``id`` and ``image_id``.
    """
    _check_difficulty(difficulty, 'render_image')
    knobs = DIFFICULTIES[difficulty]
    rng = np.random.default_rng([seed, SPLITS[split], index])
    width, height = image_size
    canvas = Canvas(draw_background(rng, height, width,
                                    knobs['background_shapes'],
                                    knobs['limb_distractors']))
    counts, probs = knobs['persons']
    num_persons = int(rng.choice(list(counts), p=list(probs)))
    figures = []
    for _ in range(num_persons):
        h = rng.uniform(*knobs['height']) * height
        # pelvis placement lets limbs leave the image (truncation)
        pelvis = np.array([rng.uniform(*knobs['pelvis_x']) * width,
                           rng.uniform(0.35, 0.75) * height + 0.1 * h])
        figures.append(sample_figure(rng, pelvis, h))
    # farther (smaller) figures first, so nearer ones occlude them
    figures.sort(key=lambda f: f.height)
    for person, fig in enumerate(figures):
        draw_figure(canvas, fig, person, rng)
    if rng.random() < knobs['occluder_prob']:
        draw_occluders(canvas, rng)
    image = degrade(canvas.image, rng, knobs['blur'], knobs['noise'])

    owners = person_of_label(canvas.labels)
    annotations = []
    for person, fig in enumerate(figures):
        ys, xs = np.nonzero(owners == person)
        if len(xs) == 0:
            continue
        vis = keypoint_visibility(canvas.labels, fig, person)
        kpts = np.concatenate([fig.keypoints, vis[:, None]], axis=1)
        kpts[vis == 0, :2] = 0  # COCO stores unlabeled keypoints as 0, 0, 0
        x0, y0 = float(xs.min()), float(ys.min())
        bbox = [x0, y0, float(xs.max() + 1) - x0, float(ys.max() + 1) - y0]
        annotations.append(dict(
            category_id=1, iscrowd=0, segmentation=[],
            num_keypoints=int((vis > 0).sum()),
            keypoints=[round(float(v), 2) for v in kpts.reshape(-1)],
            bbox=[round(v, 2) for v in bbox], area=float(len(xs))))
    return image, annotations


def _render_and_save(job: Tuple[int, str, int, str, str]) -> List[dict]:
    seed, split, index, path, difficulty = job
    image, annotations = render_image(seed, split, index,
                                      difficulty=difficulty)
    cv2.imwrite(path, image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    return annotations


def make_synthetic_coco(out_dir: str,
                        num_train: int,
                        num_val: int,
                        seed: int = 0,
                        workers: int = 1,
                        progress: bool = False,
                        difficulty: str = DEFAULT_DIFFICULTY
                        ) -> Dict[str, str]:
    """Write a synthetic COCO person-keypoints dataset.

    Args:
        out_dir (str): output folder.
        num_train (int): number of training images.
        num_val (int): number of validation images.
        seed (int): dataset seed. Defaults to 0.
        workers (int): processes used to draw images. Defaults to 1.
        progress (bool): show a progress bar. Defaults to False.
        difficulty (str): a key of ``DIFFICULTIES``. Defaults to
            ``'standard'``.

    Returns:
        dict: split name to the path of its annotation file.
    """
    from mmengine.utils import ProgressBar

    # before any worker starts
    _check_difficulty(difficulty, 'make_synthetic_coco')

    os.makedirs(osp.join(out_dir, 'annotations'), exist_ok=True)
    ann_files = {}
    for split, num in (('train', num_train), ('val', num_val)):
        img_dir = osp.join(out_dir, 'images', split)
        os.makedirs(img_dir, exist_ok=True)
        images, jobs = [], []
        for index in range(num):
            file_name = f'{split}/{index:08d}.jpg'
            images.append(dict(id=index + 1, file_name=file_name,
                               width=IMAGE_SIZE[0], height=IMAGE_SIZE[1]))
            jobs.append((seed, split, index,
                         osp.join(out_dir, 'images', file_name), difficulty))
        bar = ProgressBar(num) if progress and num else None
        per_image = []
        pool: Optional[Pool] = Pool(workers) if workers > 1 else None
        results = (pool.imap(_render_and_save, jobs, chunksize=16)
                   if pool else map(_render_and_save, jobs))
        for annotations in results:
            per_image.append(annotations)
            if bar:
                bar.update()
        if pool:
            pool.close()
            pool.join()
        annotations = []
        for image, anns in zip(images, per_image):
            for ann in anns:
                annotations.append(dict(ann, id=len(annotations) + 1,
                                        image_id=image['id']))
        coco = dict(
            info=dict(description=f'semipose synthetic persons, seed {seed}, '
                      f'difficulty {difficulty}'),
            licenses=[], images=images, annotations=annotations,
            categories=[CATEGORY])
        ann_files[split] = osp.join(out_dir, 'annotations',
                                    f'person_keypoints_{split}.json')
        with open(ann_files[split], 'w') as f:
            json.dump(coco, f)
    return ann_files
