"""Write labeled/unlabeled splits of a COCO keypoints file.

Examples:
    # the paper's protocol: first 1000 valid persons labeled, all unlabeled
    python tools/misc/split_coco_pose.py \
        data/coco/annotations/person_keypoints_train2017.json --first-n 1000
    # random image-level splits, 1% and 5%, folds 1 and 2
    python tools/misc/split_coco_pose.py ANN --percent 1 5 --fold 1 2
    # grow a labeled split by the persons of an id list (e.g. the ranking of
    # tools/misc/pseudo_label.py --rank; their labels come from ANN)
    python tools/misc/split_coco_pose.py ANN --grow ANN.first70.json \
        --add pseudo.rank100.json
"""
import argparse
import json
import sys

from semipose.datasets.coco_utils import CocoFormatError
from semipose.datasets.splits import grow_split, split_first_n, split_random


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('ann_file', help='COCO person keypoints JSON')
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument('--first-n', type=int, nargs='+',
                       help='labeled = first N valid persons (paper protocol)')
    group.add_argument('--percent', type=float, nargs='+',
                       help='random image-level split, labeled percentages')
    group.add_argument('--grow', metavar='LABELED',
                       help='labeled split to grow by the persons of --add')
    parser.add_argument('--add', metavar='IDS',
                        help='with --grow: a JSON file whose "person_ids" '
                        'are annotation ids of ANN')
    parser.add_argument('--fold', type=int, nargs='+', default=[1],
                        help='folds (seeds) of the random split')
    parser.add_argument('--out-dir', help='defaults to the folder of ANN')
    args = parser.parse_args()
    if bool(args.grow) != bool(args.add):
        parser.error('--grow and --add go together')
    return args


def read_person_ids(path: str) -> list:
    with open(path) as f:
        ids = json.load(f).get('person_ids')
    if not isinstance(ids, list):
        raise ValueError(f'{path}: field "person_ids" (a list of annotation '
                         'ids) is missing')
    return ids


def main():
    args = parse_args()
    try:
        if args.grow:
            grown = grow_split(args.ann_file, args.grow,
                               read_person_ids(args.add))
            print(f'labeled: {grown}')
            return
        if args.first_n:
            results = [split_first_n(args.ann_file, n, args.out_dir)
                       for n in args.first_n]
        else:
            results = [split_random(args.ann_file, p, f, args.out_dir)
                       for p in args.percent for f in args.fold]
    except (FileNotFoundError, CocoFormatError, ValueError) as e:
        sys.exit(f'error: {e}')
    for paths in results:
        print(f'labeled:   {paths["labeled"]}\n'
              f'unlabeled: {paths["unlabeled"]}')


if __name__ == '__main__':
    main()
