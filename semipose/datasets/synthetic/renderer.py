"""Drawing of figures, clutter and occluders, with a part-label map.

Every pixel drawn also writes a label (person, body part) into a label map
painted in the same order, so that the visibility of each keypoint follows
from what ends up on top of it: a joint covered by another part, person or
occluder is occluded (v=1), one outside the image is not labeled (v=0).
"""
from typing import Dict, Tuple

import cv2
import numpy as np

from .skeleton import KPT, LIMBS, Figure

PARTS = ['torso', 'head', 'neck', 'left_upper_arm', 'left_lower_arm',
         'right_upper_arm', 'right_lower_arm', 'left_thigh', 'left_shin',
         'right_thigh', 'right_shin', 'left_hand', 'right_hand', 'left_foot',
         'right_foot']
PART_ID = {name: i for i, name in enumerate(PARTS)}
OCCLUDER_LABEL = 255
_PARTS_PER_PERSON = len(PARTS)

# Parts a keypoint may lie on and still count as visible.
KEYPOINT_PARTS: Dict[str, Tuple[str, ...]] = {
    'nose': ('head', ), 'left_eye': ('head', ), 'right_eye': ('head', ),
    'left_ear': ('head', ), 'right_ear': ('head', ),
}
for _side in ('left', 'right'):
    KEYPOINT_PARTS.update({
        f'{_side}_shoulder': ('torso', f'{_side}_upper_arm', 'neck'),
        f'{_side}_elbow': (f'{_side}_upper_arm', f'{_side}_lower_arm'),
        f'{_side}_wrist': (f'{_side}_lower_arm', f'{_side}_hand'),
        f'{_side}_hip': ('torso', f'{_side}_thigh'),
        f'{_side}_knee': (f'{_side}_thigh', f'{_side}_shin'),
        f'{_side}_ankle': (f'{_side}_shin', f'{_side}_foot'),
    })


def part_label(person: int, part: str) -> int:
    """Label-map value of ``part`` of the ``person``-th figure (1-based)."""
    return 1 + person * _PARTS_PER_PERSON + PART_ID[part]


def person_of_label(labels: np.ndarray) -> np.ndarray:
    """Person index of each label (-1 for background and occluders)."""
    labels = labels.astype(np.int32)
    person = (labels - 1) // _PARTS_PER_PERSON
    person[(labels == 0) | (labels == OCCLUDER_LABEL)] = -1
    return person


def _pt(p: np.ndarray) -> Tuple[int, int]:
    # cv2 draws with 4 fractional bits: sub-pixel accurate joint positions
    return int(round(p[0] * 16)), int(round(p[1] * 16))


class Canvas:
    """An image and its label map, drawn together.

    Args:
        image (np.ndarray): BGR image, shape (H, W, 3), uint8.
    """

    def __init__(self, image: np.ndarray):
        self.image = image
        self.labels = np.zeros(image.shape[:2], dtype=np.uint8)

    def line(self, p0, p1, color, width: float, label: int) -> None:
        w = max(int(round(width)), 1)
        for target, value in ((self.image, color), (self.labels, label)):
            cv2.line(target, _pt(p0), _pt(p1), value, w, cv2.LINE_AA
                     if target is self.image else cv2.LINE_8, shift=4)

    def circle(self, c, radius: float, color, label: int) -> None:
        r = max(int(round(radius * 16)), 16)
        cv2.circle(self.image, _pt(c), r, color, -1, cv2.LINE_AA, shift=4)
        cv2.circle(self.labels, _pt(c), r, label, -1, cv2.LINE_8, shift=4)

    def polygon(self, pts: np.ndarray, color, label: int) -> None:
        poly = np.round(pts * 16).astype(np.int32)
        cv2.fillConvexPoly(self.image, poly, color, cv2.LINE_AA, shift=4)
        cv2.fillConvexPoly(self.labels, poly, label, cv2.LINE_8, shift=4)


def random_color(rng: np.random.Generator) -> Tuple[int, int, int]:
    return tuple(int(c) for c in rng.integers(0, 256, size=3))


SKIN_TONES = [(190, 215, 245), (150, 185, 225), (110, 150, 200),
              (70, 105, 150), (45, 70, 105)]
HAIR_COLORS = [(20, 20, 20), (30, 50, 90), (60, 110, 170), (170, 170, 170)]


def draw_figure(canvas: Canvas, fig: Figure, person: int,
                rng: np.random.Generator) -> None:
    """Draw one figure with clothing, far limbs first and near limbs last."""
    skin = SKIN_TONES[rng.integers(len(SKIN_TONES))]
    skin = tuple(int(np.clip(c + rng.integers(-15, 16), 0, 255)) for c in skin)
    colors = dict(shirt=random_color(rng), pants=random_color(rng),
                  skin=skin, hair=HAIR_COLORS[rng.integers(len(HAIR_COLORS))],
                  shoe=random_color(rng))
    colors['sleeve'] = colors['shirt'] if rng.random() < 0.5 else skin
    colors['legwear'] = colors['pants'] if rng.random() < 0.7 else skin
    stripes = rng.random() < 0.3
    stripe_color = random_color(rng)
    k = fig.keypoints

    def draw_side(side: str) -> None:
        for name, j0, j1, width_key, clothing in LIMBS:
            canvas.line(k[KPT[f'{side}_{j0}']], k[KPT[f'{side}_{j1}']],
                        colors[clothing], fig.widths[width_key],
                        part_label(person, f'{side}_{name}'))
        canvas.circle(k[KPT[f'{side}_wrist']], fig.widths['lower_arm'] * 0.7,
                      skin, part_label(person, f'{side}_hand'))
        ankle = k[KPT[f'{side}_ankle']]
        foot_dir = 1.0 if (side == 'left') == fig.facing_front else -1.0
        canvas.line(ankle, ankle + np.array([foot_dir * fig.height * 0.05,
                                             fig.height * 0.01]),
                    colors['shoe'], fig.widths['shin'] * 0.8,
                    part_label(person, f'{side}_foot'))

    near_side = 'right' if fig.far_side == 'left' else 'left'
    draw_side(fig.far_side)

    # torso: a quad through shoulders and hips, widened a little
    quad = k[[KPT['left_shoulder'], KPT['right_shoulder'], KPT['right_hip'],
              KPT['left_hip']]]
    center = quad.mean(0)
    quad = center + (quad - center) * 1.15
    torso_label = part_label(person, 'torso')
    canvas.polygon(quad, colors['shirt'], torso_label)
    if stripes:
        mask = canvas.labels == torso_label
        ys, xs = np.nonzero(mask)
        period = max(int(fig.height * 0.04), 2)
        band = ((ys + (xs if rng.random() < 0.5 else 0)) // period) % 2 == 0
        canvas.image[ys[band], xs[band]] = stripe_color
    neck = (k[KPT['left_shoulder']] + k[KPT['right_shoulder']]) / 2
    if fig.facing_front:
        # a chest mark shows the front, as a face does
        chest = neck + (center - neck) * 0.35
        canvas.circle(chest, fig.height * 0.022, (255 - np.array(
            colors['shirt'])).tolist(), torso_label)
    draw_side(near_side)

    canvas.line(neck, fig.head_center, skin, fig.widths['neck'],
                part_label(person, 'neck'))
    head_label = part_label(person, 'head')
    r = fig.head_radius
    canvas.circle(fig.head_center, r, skin, head_label)
    for ear in ('left_ear', 'right_ear'):
        if not fig.face_hidden[KPT[ear]]:
            canvas.circle(k[KPT[ear]], r * 0.28, skin, head_label)
    if fig.facing_front:
        up = fig.head_center - neck
        up = up / (np.linalg.norm(up) + 1e-6)
        canvas.circle(fig.head_center + up * r * 0.75, r * 0.6,
                      colors['hair'], head_label)
        for eye in ('left_eye', 'right_eye'):
            if not fig.face_hidden[KPT[eye]]:
                canvas.circle(k[KPT[eye]], r * 0.17, (30, 30, 30), head_label)
        canvas.circle(k[KPT['nose']], r * 0.15, (60, 80, 170), head_label)
    else:
        canvas.circle(fig.head_center, r * 0.95, colors['hair'], head_label)


def draw_background(rng: np.random.Generator, height: int, width: int,
                    num_shapes: Tuple[int, int] = (4, 14),
                    limb_distractors: bool = True) -> np.ndarray:
    """A gradient with ``[low, high)`` random shapes: boxes, discs and, with
    ``limb_distractors``, limb-like strokes (some in skin tones)."""
    c0 = rng.integers(0, 256, size=3).astype(np.float32)
    c1 = rng.integers(0, 256, size=3).astype(np.float32)
    t = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    image = np.broadcast_to(c0 * (1 - t) + c1 * t, (height, width, 3))
    image = np.ascontiguousarray(image.astype(np.uint8))
    for _ in range(rng.integers(*num_shapes)):
        color = random_color(rng)
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        size = rng.uniform(4, 0.3 * max(height, width))
        kind = rng.integers(4 if limb_distractors else 2)
        if kind == 0:
            cv2.rectangle(image, (int(x), int(y)),
                          (int(x + size), int(y + size * rng.uniform(0.2, 2))),
                          color, -1)
        elif kind == 1:
            cv2.circle(image, (int(x), int(y)), int(size / 2), color, -1,
                       cv2.LINE_AA)
        else:
            # limb-like strokes, some in skin tones: the model must use
            # context, not colour alone
            if kind == 3:
                color = SKIN_TONES[rng.integers(len(SKIN_TONES))]
            angle = rng.uniform(0, np.pi)
            end = (int(x + size * np.cos(angle)),
                   int(y + size * np.sin(angle)))
            cv2.line(image, (int(x), int(y)), end, color,
                     int(rng.integers(2, 9)), cv2.LINE_AA)
    return image


def draw_occluders(canvas: Canvas, rng: np.random.Generator) -> None:
    """Poles and boxes in front of the figures."""
    height, width = canvas.labels.shape
    for _ in range(rng.integers(1, 3)):
        color = random_color(rng)
        if rng.random() < 0.5:  # a vertical pole
            x = rng.uniform(0, width)
            w = rng.uniform(0.03, 0.08) * width
            p0, p1 = np.array([x, -5.0]), np.array([x, height + 5.0])
            canvas.line(p0, p1, color, w, OCCLUDER_LABEL)
        else:
            x, y = rng.uniform(0, width), rng.uniform(0.3, 1.0) * height
            w = rng.uniform(0.15, 0.4) * width
            h = rng.uniform(0.1, 0.3) * height
            canvas.polygon(np.array([[x, y], [x + w, y], [x + w, y + h],
                                     [x, y + h]]), color, OCCLUDER_LABEL)


def degrade(image: np.ndarray, rng: np.random.Generator,
            blur: Tuple[float, float] = (0.0, 1.2),
            noise: Tuple[float, float] = (2.0, 10.0)) -> np.ndarray:
    """Gaussian blur (sigma drawn from ``blur``, applied above 0.3) and
    sensor noise (std drawn from ``noise``)."""
    sigma = rng.uniform(*blur)
    if sigma > 0.3:
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    noise = rng.normal(0, rng.uniform(*noise), size=image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def keypoint_visibility(labels: np.ndarray, fig: Figure,
                        person: int) -> np.ndarray:
    """COCO visibility flags of one drawn figure from the final label map.

    Returns:
        np.ndarray: shape (17,), values 0 (outside the image or not
        annotated), 1 (occluded) or 2 (visible).
    """
    height, width = labels.shape
    vis = np.zeros(17, dtype=np.int64)
    for name, j in KPT.items():
        x, y = fig.keypoints[j]
        if fig.unlabeled[j] or not (0 <= x < width and 0 <= y < height):
            continue
        own = {part_label(person, p) for p in KEYPOINT_PARTS[name]}
        on_top = labels[int(y), int(x)] in own
        vis[j] = 2 if on_top and not fig.face_hidden[j] else 1
    return vis
