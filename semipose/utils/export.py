"""Export one student of a dual-student checkpoint as a plain mmpose model."""
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
