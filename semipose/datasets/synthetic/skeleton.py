"""Articulated 2D human figures: a kinematic tree with joint limits.

A figure is sampled in its own frame (pelvis at the origin, image axes, y
down) and returned as the 17 COCO keypoints plus the per-figure attributes the
renderer needs (facing, head orientation, limb thickness, drawing order).
"""
from dataclasses import dataclass, field
from typing import Dict, List

import numpy as np

COCO_KEYPOINTS = [
    'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
    'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow',
    'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee',
    'right_knee', 'left_ankle', 'right_ankle'
]
# 1-based, as in person_keypoints_*.json of COCO.
COCO_SKELETON = [[16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12],
                 [7, 13], [6, 7], [6, 8], [7, 9], [8, 10], [9, 11], [2, 3],
                 [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7]]
KPT = {name: i for i, name in enumerate(COCO_KEYPOINTS)}


@dataclass
class Figure:
    """One sampled figure, in pixels of the image it will be drawn into.

    Attributes:
        keypoints (np.ndarray): COCO keypoints, shape (17, 2).
        face_hidden (np.ndarray): keypoints hidden by the head's own
            orientation, shape (17,), bool; ``unlabeled`` ones (the face of a
            figure seen from the back) are not annotated at all (v=0).
        unlabeled (np.ndarray): shape (17,), bool.
        facing_front (bool): whether the face and the chest mark are visible.
        height (float): standing height in pixels.
        far_side (str): ``'left'`` or ``'right'``: the side drawn behind the
            torso.
        head_center (np.ndarray): shape (2,).
        head_radius (float): radius of the head in pixels.
        widths (dict): limb thickness in pixels by limb name.
    """
    keypoints: np.ndarray
    face_hidden: np.ndarray
    unlabeled: np.ndarray
    facing_front: bool
    height: float
    far_side: str
    head_center: np.ndarray
    head_radius: float
    widths: Dict[str, float] = field(default_factory=dict)


def _direction(angle: float) -> np.ndarray:
    """Unit vector at ``angle`` radians from image-down towards image-right,
    so that 0 hangs a limb straight down."""
    return np.array([np.sin(angle), np.cos(angle)])


def sample_figure(rng: np.random.Generator, pelvis: np.ndarray,
                  height: float) -> Figure:
    """Sample an articulated figure with plausible joint limits.

    Args:
        rng (np.random.Generator): source of randomness.
        pelvis (np.ndarray): pelvis position in the image, shape (2,).
        height (float): standing height of the figure in pixels.

    Returns:
        Figure: the sampled figure.
    """
    prop = rng.uniform(0.88, 1.12, size=9) * height
    head_r, torso, shoulder_w, hip_w = (0.065 * prop[0], 0.30 * prop[1],
                                        0.115 * prop[2], 0.08 * prop[3])
    upper_arm, lower_arm = 0.16 * prop[4], 0.15 * prop[5]
    thigh, shin = 0.24 * prop[6], 0.22 * prop[7]

    facing_front = bool(rng.random() > 0.3)
    yaw = rng.uniform(-1.3, 1.3)  # head/torso turn, radians
    # f maps the person's left onto the image: facing the camera, their left
    # is the image right.
    f = 1.0 if facing_front else -1.0
    width_scale = max(abs(np.cos(yaw)), 0.3)
    tilt = rng.normal(0, 0.2) if rng.random() > 0.1 else rng.normal(0, 0.7)
    up = np.array([np.sin(tilt), -np.cos(tilt)])
    right = np.array([np.cos(tilt), np.sin(tilt)])
    left_dir = f * right

    kpts = np.zeros((17, 2))
    neck = pelvis + up * torso
    kpts[KPT['left_shoulder']] = neck + left_dir * shoulder_w * width_scale
    kpts[KPT['right_shoulder']] = neck - left_dir * shoulder_w * width_scale
    kpts[KPT['left_hip']] = pelvis + left_dir * hip_w * width_scale
    kpts[KPT['right_hip']] = pelvis - left_dir * hip_w * width_scale

    for side, sign in (('left', 1.0), ('right', -1.0)):
        # abduction: positive swings the limb away from the body's midline
        outward = sign * f
        shoulder_abd = rng.uniform(-0.5, 2.9)
        elbow_flex = rng.uniform(0.0, 2.5) * rng.choice([-1, 1])
        hip_abd = rng.uniform(-0.3, 0.9) if rng.random() > 0.15 else \
            rng.uniform(0.9, 1.6)
        knee_flex = rng.uniform(0.0, 2.0) * (1 if rng.random() > 0.5 else -1)
        a_upper = -tilt + outward * shoulder_abd
        a_lower = a_upper + outward * elbow_flex * 0.9
        a_thigh = -tilt + outward * hip_abd * 0.5
        a_shin = a_thigh - outward * knee_flex * 0.6
        sho = kpts[KPT[f'{side}_shoulder']]
        elb = sho + _direction(a_upper) * upper_arm
        kpts[KPT[f'{side}_elbow']] = elb
        kpts[KPT[f'{side}_wrist']] = elb + _direction(a_lower) * lower_arm
        knee = kpts[KPT[f'{side}_hip']] + _direction(a_thigh) * thigh
        kpts[KPT[f'{side}_knee']] = knee
        kpts[KPT[f'{side}_ankle']] = knee + _direction(a_shin) * shin

    head_yaw = np.clip(yaw + rng.normal(0, 0.3), -1.5, 1.5)
    head_c = neck + up * head_r * 1.35
    turn = f * np.sin(head_yaw)  # image-x offset of the face
    cos_h = np.cos(head_yaw)
    kpts[KPT['nose']] = (head_c + right * turn * head_r * 0.7 -
                         up * head_r * 0.1)
    eye_c = head_c + right * turn * head_r * 0.55 + up * head_r * 0.25
    kpts[KPT['left_eye']] = eye_c + left_dir * head_r * 0.38 * cos_h
    kpts[KPT['right_eye']] = eye_c - left_dir * head_r * 0.38 * cos_h
    ear_c = head_c - right * turn * head_r * 0.35
    kpts[KPT['left_ear']] = ear_c + left_dir * head_r * 0.95 * cos_h
    kpts[KPT['right_ear']] = ear_c - left_dir * head_r * 0.95 * cos_h

    # Turning the head to one's left hides the left ear (and, far enough,
    # the left eye) behind the head, whichever way the figure faces.
    hidden = np.zeros(17, dtype=bool)
    if head_yaw > 0.45:
        hidden[KPT['left_ear']] = True
    if head_yaw < -0.45:
        hidden[KPT['right_ear']] = True
    if head_yaw > 1.0:
        hidden[KPT['left_eye']] = True
    if head_yaw < -1.0:
        hidden[KPT['right_eye']] = True
    unlabeled = np.zeros(17, dtype=bool)
    if not facing_front:
        unlabeled[[KPT['nose'], KPT['left_eye'], KPT['right_eye']]] = True

    widths = dict(
        upper_arm=0.06 * height, lower_arm=0.05 * height,
        thigh=0.085 * height, shin=0.065 * height, neck=0.06 * height)
    return Figure(
        keypoints=kpts, face_hidden=hidden, unlabeled=unlabeled,
        facing_front=facing_front, height=height,
        far_side='left' if yaw > 0 else 'right', head_center=head_c,
        head_radius=head_r, widths=widths)


LIMBS: List[tuple] = [
    # (name, from keypoint, to keypoint, width key, clothing part)
    ('upper_arm', 'shoulder', 'elbow', 'upper_arm', 'shirt'),
    ('lower_arm', 'elbow', 'wrist', 'lower_arm', 'sleeve'),
    ('thigh', 'hip', 'knee', 'thigh', 'pants'),
    ('shin', 'knee', 'ankle', 'shin', 'legwear'),
]
