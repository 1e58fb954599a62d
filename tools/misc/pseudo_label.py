"""Pseudo-label every person of a box file with a trained dual-student pair
(or one trained single model, as both students of the pair's config) and
write COCO person keypoints (kept keypoints v=2, dropped ones v=0, plus
per-keypoint ``keypoint_scores`` and ``keypoint_uncertainty``).

The model's own denoising path runs on each plain person crop: its
pseudo-label views for both students, mapped back, aggregated, thresholded
and refined, then student A's selection (the config's ``aggregation`` and
selector, and the threshold its ``PseudoHeatmapDenoiser`` ended training
on). A single-model checkpoint (the supervised baseline's) is loaded into
both students, so that it labels through the same path: the plain
self-training control of the pair's pseudo-labels.

Example:
    OURS=dual-student_res18-tiny_1xb32-2000it_synthetic-first100-128x96
    python tools/misc/pseudo_label.py \
        configs/dual_student/$OURS.py work_dirs/ours/iter_2000.pth \
        --ann data/synthetic/annotations/person_keypoints_train.json \
        --img-prefix data/synthetic/images --out pseudo.json --rank 100

With ``--rank N`` it also writes the N persons most worth annotating next
(highest mean keypoint uncertainty) to ``pseudo.rank100.json``
(``person_ids``, ``image_ids``), which ``tools/misc/split_coco_pose.py ANN
--grow LABELED --add pseudo.rank100.json`` adds to a labeled split, and a
contact sheet of their crops to ``pseudo.rank100.png``.
"""
import argparse
import json
import sys

import mmcv
import numpy as np
import torch
from mmengine.config import Config
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

import semipose  # noqa: F401 (registers semipose components)
from semipose.datasets.coco_utils import CocoFormatError
from semipose.fileio import atomic_write
from semipose.utils.pseudo_labels import (build_pseudo_label_dataset,
                                          contact_sheet, export_pseudo_labels,
                                          load_teacher, rank_by_uncertainty,
                                          trained_threshold)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='the dual-student config')
    parser.add_argument('checkpoint', help='the pair\'s checkpoint, or a '
                        'single model\'s of the students\' architecture')
    parser.add_argument('--ann', required=True,
                        help='COCO-style file with images and person boxes '
                        '(or the images only, with --det-file)')
    parser.add_argument('--img-prefix', default='',
                        help='folder of the images\' file_name')
    parser.add_argument('--det-file', help='detection results file (as '
                        'written by tools/misc/detect_persons.py)')
    parser.add_argument('--score-thr', type=float, default=0.5,
                        help='minimal detection score with --det-file')
    parser.add_argument('--out', required=True, help='output JSON')
    parser.add_argument('--rank', type=int, metavar='N',
                        help='also write the N most uncertain persons and '
                        'a contact sheet of them')
    parser.add_argument('--batch-size', type=int, default=32)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--device', default='cuda' if
                        torch.cuda.is_available() else 'cpu')
    return parser.parse_args()


def main():
    args = parse_args()
    register_all_modules(init_default_scope=True)
    cfg = Config.fromfile(args.config)
    # bad input is named before the model is built
    try:
        dataset = build_pseudo_label_dataset(cfg, args.ann, args.img_prefix,
                                             args.det_file, args.score_thr)
    except (FileNotFoundError, ValueError, CocoFormatError) as e:
        sys.exit(f'error: {e}')
    threshold = trained_threshold(cfg)
    if threshold is not None:
        cfg.model.threshold = threshold
    model = MODELS.build(cfg.model)
    load_teacher(model, args.checkpoint)
    model.to(args.device).eval()
    coco = export_pseudo_labels(model, dataset, args.batch_size,
                                args.workers)
    # atomic: a run killed while writing leaves no half file to be read
    atomic_write(json.dumps(coco).encode(), args.out)
    kept = sum(a['num_keypoints'] for a in coco['annotations'])
    total = sum(len(a['keypoint_scores']) for a in coco['annotations'])
    print(f'\n{len(coco["annotations"])} persons, {kept} of {total} '
          f'keypoints kept ({kept / max(total, 1):.1%}) -> {args.out}')
    if args.rank:
        write_ranking(coco, args.rank, args.img_prefix, args.out)


def write_ranking(coco: dict, num: int, img_prefix: str, out: str) -> None:
    chosen = rank_by_uncertainty(coco['annotations'], num)
    stem = out[:-len('.json')] if out.endswith('.json') else out
    with open(f'{stem}.rank{num}.json', 'w') as f:
        json.dump(dict(
            person_ids=[a['id'] for a in chosen],
            image_ids=sorted({a['image_id'] for a in chosen}),
            mean_uncertainty=[float(np.mean(a['keypoint_uncertainty']))
                              for a in chosen]), f)
    images = {img['id']: img for img in coco['images']}
    mmcv.imwrite(contact_sheet(chosen, images, img_prefix),
                 f'{stem}.rank{num}.png')
    print(f'{len(chosen)} persons to annotate next -> {stem}.rank{num}.json, '
          f'{stem}.rank{num}.png')


if __name__ == '__main__':
    main()
