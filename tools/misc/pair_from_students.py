"""Start a dual-student pair from two plain mmpose checkpoints: write a
``DualStudentPoseEstimator`` checkpoint with student A from the first and
student B from the second, for a dual-student config's ``load_from``
(e.g. the 'from supervised' configs, two supervised models of the budget).
With ``--into teachers`` the two models become the pair's fixed or EMA
teachers and the students start from scratch (the 'supervised teachers'
configs, ``teacher_momentum``).

Example:
    python tools/misc/pair_from_students.py supervised_seed0.pth \
        supervised_seed3.pth pair.pth
"""
import argparse
import sys

from semipose.utils.export import INTO, pair_from_students


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('student_a', help='plain checkpoint of student A')
    parser.add_argument('student_b', help='plain checkpoint of student B')
    parser.add_argument('out')
    parser.add_argument('--into', choices=INTO, default='students',
                        help='the pair\'s students (default) or its '
                        'teachers, the students then starting from scratch')
    args = parser.parse_args()
    try:
        pair_from_students(args.student_a, args.student_b, args.out,
                           args.into)
    except (KeyError, FileNotFoundError) as e:
        sys.exit(f'error: {e}')
    role = args.into[:-1]
    print(f'{role} A {args.student_a}, {role} B {args.student_b} -> '
          f'{args.out}')


if __name__ == '__main__':
    main()
