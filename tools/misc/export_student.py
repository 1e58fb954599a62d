"""Export one student of a dual-student checkpoint as a plain mmpose
``TopdownPoseEstimator`` checkpoint (use it with the matching plain config,
e.g. configs/supervised/..., in init_model / inference_topdown /
MMPoseInferencer).

Example:
    python tools/misc/export_student.py work_dirs/ours/iter_600.pth \
        student.pth --student best
"""
import argparse
import sys

from semipose.utils.export import export_student


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('checkpoint')
    parser.add_argument('out')
    parser.add_argument('--student', choices=['a', 'b', 'best'],
                        default='best',
                        help='best: higher last validation AP')
    args = parser.parse_args()
    try:
        student = export_student(args.checkpoint, args.out, args.student)
    except (KeyError, ValueError, FileNotFoundError) as e:
        sys.exit(f'error: {e}')
    print(f'student {student} of {args.checkpoint} -> {args.out}')


if __name__ == '__main__':
    main()
