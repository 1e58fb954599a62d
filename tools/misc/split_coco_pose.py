"""Write labeled/unlabeled splits of a COCO keypoints file.

Examples:
    # the paper's protocol: first 1000 valid persons labeled, all unlabeled
    python tools/misc/split_coco_pose.py \
        data/coco/annotations/person_keypoints_train2017.json --first-n 1000
    # random image-level splits, 1% and 5%, folds 1 and 2
    python tools/misc/split_coco_pose.py ANN --percent 1 5 --fold 1 2
"""
import argparse
import sys

from semipose.datasets.coco_utils import CocoFormatError
from semipose.datasets.splits import split_first_n, split_random


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('ann_file', help='COCO person keypoints JSON')
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument('--first-n', type=int, nargs='+',
                       help='labeled = first N valid persons (paper protocol)')
    group.add_argument('--percent', type=float, nargs='+',
                       help='random image-level split, labeled percentages')
    parser.add_argument('--fold', type=int, nargs='+', default=[1],
                        help='folds (seeds) of the random split')
    parser.add_argument('--out-dir', help='defaults to the folder of ANN')
    return parser.parse_args()


def main():
    args = parse_args()
    try:
        if args.first_n:
            results = [split_first_n(args.ann_file, n, args.out_dir)
                       for n in args.first_n]
        else:
            results = [split_random(args.ann_file, p, f, args.out_dir)
                       for p in args.percent for f in args.fold]
    except (FileNotFoundError, CocoFormatError, ValueError) as e:
        sys.exit(f'error: {e}')
    for paths in results:
        print(f'labeled:   {paths["labeled"]}\nunlabeled: {paths["unlabeled"]}')


if __name__ == '__main__':
    main()
