"""Move students between dual-student and plain mmpose checkpoints: export
one student as a plain model, or start a pair from two plain models."""
from typing import Dict

import torch

from semipose.evaluation.multi_student_metric import PREFIXES


def best_student(checkpoint: Dict, metric: str = 'coco/AP') -> str:
    """``'a'`` or ``'b'``: the student with the higher last validation
    ``metric`` recorded in the checkpoint's message hub."""
    scalars = checkpoint.get('message_hub', {}).get('log_scalars', {})
    scores = {}
    for name in ('a', 'b'):
        key = f'val/{PREFIXES[name]}/{metric}'
        if key in scalars:
            scores[name] = float(scalars[key].current())
    if len(scores) != 2:
        raise KeyError(
            f'the checkpoint holds no validation {metric} of both students '
            f'(message_hub log_scalars "val/student_a/{metric}", '
            f'"val/student_b/{metric}"); choose --student a or b')
    return max(scores, key=scores.get)


def export_student(src: str, dst: str, student: str = 'best') -> str:
    """Write ``dst``: a plain ``TopdownPoseEstimator`` checkpoint holding the
    weights of one student of the dual-student checkpoint ``src``.

    Args:
        src (str): checkpoint of a ``DualStudentPoseEstimator``.
        dst (str): output path.
        student (str): ``'a'``, ``'b'`` or ``'best'`` (by validation AP).

    Returns:
        str: the exported student, ``'a'`` or ``'b'``.
    """
    checkpoint = torch.load(src, map_location='cpu', weights_only=False)
    state = checkpoint.get('state_dict', checkpoint)
    if student == 'best':
        student = best_student(checkpoint)
    if student not in ('a', 'b'):
        raise ValueError(f'student must be "a", "b" or "best", got '
                         f'"{student}"')
    prefix = f'student_{student}.'
    weights = {k[len(prefix):]: v for k, v in state.items()
               if k.startswith(prefix)}
    if not weights:
        raise KeyError(f'{src}: no "{prefix}*" weights; is this a '
                       f'DualStudentPoseEstimator checkpoint?')
    meta = dict(checkpoint.get('meta', {}), exported_from=src,
                student=student)
    torch.save(dict(state_dict=weights, meta=meta), dst)
    return student


INTO = ('students', 'teachers')


def pair_from_students(src_a: str, src_b: str, dst: str,
                       into: str = 'students') -> None:
    """Write ``dst``: a ``DualStudentPoseEstimator`` checkpoint whose student
    A holds the weights of the plain ``TopdownPoseEstimator`` checkpoint
    ``src_a`` and student B those of ``src_b`` (the inverse of
    :func:`export_student`). Use it as a dual-student config's
    ``load_from``: weights only, training starts at iteration 0.

    With ``into='teachers'`` the two models become the pseudo-labelers of
    a pair with EMA teachers (``teacher_momentum``; 1.0 keeps them fixed)
    and the students are left out, so they start from the config's
    initialisation: the teachers are marked ready, so that the first
    update does not overwrite them with the students.

    Args:
        src_a (str): plain checkpoint for student A (or teacher A).
        src_b (str): plain checkpoint for student B (or teacher B).
        dst (str): output path.
        into (str): ``'students'`` or ``'teachers'``.
    """
    if into not in INTO:
        raise ValueError(f'into must be one of {INTO}, got "{into}"')
    role = into[:-1]  # 'student_a.*' or 'teacher_a.*'
    weights = {}
    for name, src in (('a', src_a), ('b', src_b)):
        checkpoint = torch.load(src, map_location='cpu', weights_only=False)
        state = checkpoint.get('state_dict', checkpoint)
        if any(k.startswith(('student_a.', 'student_b.')) for k in state):
            raise KeyError(f'{src}: holds "student_a.*" / "student_b.*" '
                           'weights, a dual-student checkpoint; give a plain '
                           'model (tools/misc/export_student.py makes one)')
        weights.update({f'{role}_{name}.{k}': v for k, v in state.items()})
    if into == 'teachers':
        weights['teachers_ready'] = torch.tensor(True)
    torch.save(dict(state_dict=weights, meta={f'{role}_a': src_a,
                                              f'{role}_b': src_b}), dst)
