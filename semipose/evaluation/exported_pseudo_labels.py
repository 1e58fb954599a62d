"""PCK of an exported pseudo-label file against the hidden ground truth:
by the fraction of keypoints kept (the most confident first), or of the
keypoints the file keeps."""
from typing import Dict, Iterator, List, Sequence, Tuple

import numpy as np


def _matched_keypoints(
        pseudo: Dict,
        truth: Dict) -> Iterator[Tuple[dict, np.ndarray, np.ndarray,
                                       np.ndarray]]:
    """Per exported person: the annotation, each keypoint's error over the
    longer side of its ground-truth box (K,), and the masks (K,) of the
    keypoints labeled in ``truth`` and exported (both ``v > 0``)."""
    by_id = {a['id']: a for a in truth['annotations']}
    for ann in pseudo['annotations']:
        gt = by_id[ann['id']]
        points = np.array(ann['keypoints'], float).reshape(-1, 3)
        gt_points = np.array(gt['keypoints'], float).reshape(-1, 3)
        box = max(gt['bbox'][2], gt['bbox'][3])
        error = np.linalg.norm(points[:, :2] - gt_points[:, :2], axis=1)
        yield ann, error / box, gt_points[:, 2] > 0, points[:, 2] > 0


def exported_pck(pseudo: Dict, truth: Dict,
                 fractions: Sequence[float] = (1.0, 0.8, 0.6, 0.4, 0.2),
                 threshold: float = 0.05) -> List[dict]:
    """PCK of the most confident exported keypoints.

    Only keypoints labeled in ``truth`` (v > 0) and exported (v > 0) count.
    They are sorted by ``keypoint_scores``, highest first; for each fraction
    the top share is kept and scored: a keypoint is correct within
    ``threshold`` times the longer side of its ground-truth box.

    Args:
        pseudo (dict): COCO file of ``tools/misc/pseudo_label.py`` (export
            with ``model.threshold=0`` to rank every keypoint).
        truth (dict): COCO file with the same annotation ids.
        fractions (Sequence[float]): kept shares in (0, 1].
        threshold (float): PCK threshold. Defaults to 0.05.

    Returns:
        list[dict]: per fraction ``kept`` (the share), ``num`` (keypoints
        kept), ``min_score`` (the lowest kept score), ``pck``.
    """
    errors, scores = [], []
    for ann, error, labeled, exported in _matched_keypoints(pseudo, truth):
        valid = labeled & exported
        errors.append(error[valid])
        scores.append(np.asarray(ann['keypoint_scores'], float)[valid])
    errors, scores = np.concatenate(errors), np.concatenate(scores)
    order = np.argsort(-scores, kind='stable')
    rows = []
    for fraction in fractions:
        num = max(1, int(round(fraction * len(order))))
        top = order[:num]
        rows.append(dict(kept=float(fraction), num=num,
                         min_score=float(scores[top].min()),
                         pck=float((errors[top] <= threshold).mean())))
    return rows


def kept_pseudo_label_pck(pseudo: Dict, truth: Dict,
                          threshold: float = 0.05) -> Dict[str, float]:
    """How many of the labeled keypoints a pseudo-label file keeps, and
    how accurate the kept ones are: what a model trained on it learns from.

    Args:
        pseudo (dict): COCO file of ``tools/misc/pseudo_label.py`` (kept
            keypoints ``v > 0``).
        truth (dict): COCO file with the same annotation ids; only its
            labeled keypoints (``v > 0``) count.
        threshold (float): PCK threshold, times the longer side of the
            ground-truth box. Defaults to 0.05.

    Returns:
        dict: ``kept``, the share of the labeled keypoints kept, and
        ``pck``, the PCK of the kept ones (0 if none is kept).
    """
    num_labeled = kept = correct = 0
    for _, error, labeled, exported in _matched_keypoints(pseudo, truth):
        used = labeled & exported
        num_labeled += int(labeled.sum())
        kept += int(used.sum())
        correct += int((error[used] <= threshold).sum())
    return dict(kept=kept / max(num_labeled, 1), pck=correct / max(kept, 1))
