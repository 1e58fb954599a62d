"""Detect persons with any mmdet detector and write COCO-style results.

The output is a detection results file (``[{"image_id", "category_id": 1,
"bbox": [x, y, w, h], "score"}]``) that ``UnlabeledCocoDataset(det_file=...,
det_score_thr=...)`` reads. Images come from a COCO-style file (e.g.
``image_info_unlabeled2017.json``, whose ids are kept) or from a folder (then
``--image-info`` is written too: the ``images`` list the dataset needs).

Examples:
    python tools/misc/detect_persons.py DET_CONFIG DET_CKPT \
        data/coco/annotations/image_info_unlabeled2017.json \
        --img-dir data/coco/unlabeled2017 \
        --out data/coco/person_detection_results/unlabeled2017_persons.json
    python tools/misc/detect_persons.py DET_CONFIG DET_CKPT my_images/ \
        --out my_persons.json --image-info my_images.json
"""
import argparse
import json
import os
import os.path as osp
import sys
from typing import Dict, List

import cv2
from mmengine.config import DictAction

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='mmdet detector config')
    parser.add_argument('checkpoint', help='detector checkpoint')
    parser.add_argument('images', help='a folder of images or a COCO-style '
                        'JSON with an "images" list')
    parser.add_argument('--img-dir', help='image folder of a JSON input '
                        '(default: the JSON\'s folder)')
    parser.add_argument('--out', required=True, help='detection results JSON')
    parser.add_argument('--image-info', help='with a folder input: where to '
                        'write its "images" list (default: OUT with '
                        '_images.json)')
    parser.add_argument('--score-thr', type=float, default=0.05,
                        help='keep boxes at least this confident')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override detector config settings, e.g. '
                        'model.test_cfg.score_thr=0.3')
    return parser.parse_args()


def list_images(args) -> (List[Dict], str):
    """The images to run on and the folder their file names are relative
    to."""
    if osp.isdir(args.images):
        names = sorted(f for f in os.listdir(args.images)
                       if f.lower().endswith(IMAGE_EXTENSIONS))
        if not names:
            sys.exit(f'error: no {"/".join(IMAGE_EXTENSIONS)} image in '
                     f'{args.images}')
        images = []
        for i, name in enumerate(names):
            img = cv2.imread(osp.join(args.images, name))
            if img is None:
                sys.exit('error: cannot read image '
                         f'{osp.join(args.images, name)}')
            images.append(dict(id=i + 1, file_name=name, width=img.shape[1],
                               height=img.shape[0]))
        return images, args.images
    if not osp.isfile(args.images):
        sys.exit(f'error: {args.images} is neither a folder nor a file')
    with open(args.images) as f:
        data = json.load(f)
    if not isinstance(data, dict) or not isinstance(data.get('images'), list):
        sys.exit(f'error: {args.images}: field "images" is missing or not a '
                 f'list')
    return data['images'], args.img_dir or osp.dirname(args.images)


def main():
    args = parse_args()
    from mmdet.apis import inference_detector, init_detector
    from mmengine.utils import ProgressBar

    images, root = list_images(args)
    model = init_detector(args.config, args.checkpoint, device=args.device,
                          cfg_options=args.cfg_options)
    classes = [c.lower() for c in model.dataset_meta.get('classes', [])]
    if 'person' not in classes:
        sys.exit(f'error: the detector has no "person" class (classes: '
                 f'{classes[:10]}...)')
    person = classes.index('person')
    results = []
    bar = ProgressBar(len(images))
    for img in images:
        path = osp.join(root, img['file_name'])
        if not osp.isfile(path):
            sys.exit(f'\nerror: image {img["id"]} not found: {path}')
        pred = inference_detector(model, path).pred_instances
        keep = (pred.labels == person) & (pred.scores >= args.score_thr)
        for (x1, y1, x2, y2), score in zip(pred.bboxes[keep].tolist(),
                                           pred.scores[keep].tolist()):
            results.append(dict(
                image_id=img['id'], category_id=1, score=round(score, 5),
                bbox=[round(v, 2) for v in (x1, y1, x2 - x1, y2 - y1)]))
        bar.update()
    os.makedirs(osp.dirname(osp.abspath(args.out)), exist_ok=True)
    with open(args.out, 'w') as f:
        json.dump(results, f)
    print(f'\n{len(results)} person boxes (score >= {args.score_thr}) in '
          f'{len(images)} images -> {args.out}')
    if osp.isdir(args.images):
        info = args.image_info or args.out[:-len('.json')] + '_images.json'
        with open(info, 'w') as f:
            json.dump(dict(images=images, categories=[
                dict(id=1, name='person')]), f)
        print(f'image list -> {info} (the ann_file of UnlabeledCocoDataset, '
              f'data_prefix img={args.images})')


if __name__ == '__main__':
    main()
