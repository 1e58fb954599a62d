"""Write the embedded synthetic COCO person-keypoints dataset.

Example:
    python tools/misc/make_synthetic_coco.py data/synthetic \
        --num-train 5000 --num-val 500 --seed 0
"""
import argparse
import os.path as osp
import time

from semipose.datasets.synthetic import make_synthetic_coco
from semipose.datasets.synthetic.generator import (DEFAULT_DIFFICULTY,
                                                   DIFFICULTIES)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('out_dir', help='output folder')
    parser.add_argument('--num-train', type=int, default=5000)
    parser.add_argument('--num-val', type=int, default=500)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--workers', type=int, default=1,
                        help='processes drawing images (same output)')
    parser.add_argument('--difficulty', default=DEFAULT_DIFFICULTY,
                        choices=sorted(DIFFICULTIES),
                        help='crowding, clutter and degradation of the '
                        'images (see DIFFICULTIES in '
                        'semipose/datasets/synthetic/generator.py)')
    return parser.parse_args()


def main():
    args = parse_args()
    start = time.time()
    ann_files = make_synthetic_coco(args.out_dir, args.num_train,
                                    args.num_val, args.seed, args.workers,
                                    progress=True,
                                    difficulty=args.difficulty)
    print(f'\nwrote {args.num_train + args.num_val} images in '
          f'{time.time() - start:.1f} s:')
    for split, path in ann_files.items():
        print(f'  {split}: {osp.abspath(path)}')


if __name__ == '__main__':
    main()
