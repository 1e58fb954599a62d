"""Start a dual-student pair from two plain mmpose checkpoints: write a
``DualStudentPoseEstimator`` checkpoint with student A from the first and
student B from the second, for a dual-student config's ``load_from``
(e.g. the 'from supervised' configs, two supervised models of the budget).

Example:
    python tools/misc/pair_from_students.py supervised_seed0.pth \
        supervised_seed3.pth pair.pth
"""
import argparse
import sys

from semipose.utils.export import pair_from_students


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('student_a', help='plain checkpoint of student A')
    parser.add_argument('student_b', help='plain checkpoint of student B')
    parser.add_argument('out')
    args = parser.parse_args()
    try:
        pair_from_students(args.student_a, args.student_b, args.out)
    except (KeyError, FileNotFoundError) as e:
        sys.exit(f'error: {e}')
    print(f'student A {args.student_a}, student B {args.student_b} -> '
          f'{args.out}')


if __name__ == '__main__':
    main()
