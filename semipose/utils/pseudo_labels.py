"""Pseudo-labels of a trained dual-student pair as a COCO person-keypoints
file: the model's own denoising path on every person of a box file."""
import json
import os.path as osp
from typing import Dict, List, Optional

import cv2
import mmcv
import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.utils import ProgressBar
from mmpose.registry import DATASETS, HOOKS
from torch.utils.data import DataLoader


def _multi_view_transform(cfg: Config) -> dict:
    """The ``MultiViewAugment`` of a semi-supervised config's pipeline."""
    pipeline = cfg.train_dataloader.dataset.get('pipeline', [])
    for transform in pipeline:
        if transform.get('type') == 'MultiViewAugment':
            return transform
    raise ValueError(f'{cfg.filename}: no MultiViewAugment in '
                     'train_dataloader.dataset.pipeline; pseudo-labels need '
                     'a dual-student (semi-supervised) config')


def trained_threshold(cfg: Config) -> Optional[float]:
    """The keypoint threshold tau of a config's last training iteration, as
    its ``PseudoHeatmapDenoiser`` schedules it (a trained pair labels with
    the tau it ended on), or None without that hook (the model's own)."""
    for hook in cfg.get('custom_hooks', []):
        if hook.get('type') == 'PseudoHeatmapDenoiser':
            return HOOKS.build(hook).threshold_at(cfg.train_cfg.max_iters - 1)
    return None


def build_pseudo_label_dataset(cfg: Config,
                               ann_file: str,
                               img_prefix: str = '',
                               det_file: Optional[str] = None,
                               det_score_thr: float = 0.5):
    """Every person box of ``ann_file`` (or ``det_file``) with the config's
    pseudo-label views of its plain crop (no random easy or hard view).

    Args:
        cfg (Config): a dual-student config.
        ann_file (str): COCO-style file with ``images`` and person boxes
            (or, with ``det_file``, the images only).
        img_prefix (str): folder of the images' ``file_name``.
        det_file (str, optional): detection results file.
        det_score_thr (float): minimal detection score.

    Returns:
        UnlabeledCocoDataset: samples for
        :meth:`DualStudentPoseEstimator.pseudo_keypoints`.
    """
    views = dict(_multi_view_transform(cfg), easy=dict(), hard=dict(),
                 sup_pipeline=[])
    metainfo = cfg.train_dataloader.dataset.get('metainfo')
    return DATASETS.build(dict(
        type='UnlabeledCocoDataset', ann_file=ann_file, det_file=det_file,
        det_score_thr=det_score_thr, data_prefix=dict(img=img_prefix),
        metainfo=metainfo, test_mode=True,
        pipeline=[dict(type='LoadImage'), dict(type='GetBBoxCenterScale'),
                  views]))


def load_teacher(model, checkpoint: str) -> None:
    """Load a trained pair, or one single-model checkpoint into both of
    its students, into ``model`` (a :class:`DualStudentPoseEstimator`).

    A single model (e.g. the supervised baseline, a ``TopdownPoseEstimator``
    of the students' architecture) then labels through the pair's own
    denoising path: the same views, aggregation, threshold and refinement,
    with two identical students. That makes it the plain self-training
    control of a pair's pseudo-labels.

    Args:
        model (DualStudentPoseEstimator): the pair to load into.
        checkpoint (str): a checkpoint of the pair (keys ``student_a.*``)
            or of a single model (keys ``backbone.*``, ``head.*``).
    """
    state = torch.load(checkpoint, map_location='cpu', weights_only=False)
    state = state.get('state_dict', state)
    # strict: a checkpoint of another architecture fails, not half loads
    if any(key.startswith('student_a.') for key in state):
        model.load_state_dict(state)
        return
    for student in model.students.values():
        student.load_state_dict(state)


def _category(metainfo: dict) -> dict:
    names = [metainfo['keypoint_id2name'][i]
             for i in range(metainfo['num_keypoints'])]
    return dict(id=1, name='person', supercategory='person', keypoints=names,
                skeleton=[[a + 1, b + 1]
                          for a, b in metainfo.get('skeleton_links', [])])


@torch.no_grad()
def export_pseudo_labels(model, dataset, batch_size: int = 32,
                         num_workers: int = 0) -> Dict:
    """Pseudo-keypoints of every person of ``dataset`` as COCO.

    Args:
        model (DualStudentPoseEstimator): the trained pair, in eval mode on
            its device (batch statistics do not mix persons).
        dataset: from :func:`build_pseudo_label_dataset`.
        batch_size (int): persons per forward pass.
        num_workers (int): data loading processes.

    Returns:
        dict: COCO person keypoints: every person keeps its box and id; a
        keypoint is ``[x, y, 2]`` where a denoised pseudo-heatmap was kept
        and selected, ``[0, 0, 0]`` where it was dropped; each annotation
        also has ``keypoint_scores`` and ``keypoint_uncertainty`` (one per
        keypoint, dropped ones included) and ``score`` (mean score of the
        kept keypoints, 0 without any).
    """
    loader = DataLoader(dataset, batch_size=batch_size,
                        num_workers=num_workers, collate_fn=pseudo_collate)
    progress = ProgressBar(len(dataset))
    annotations: List[dict] = []
    for batch in loader:
        data = model.data_preprocessor(batch, training=False)
        samples = data['data_samples']['unsup']
        out = model.pseudo_keypoints(data['inputs']['unsup_views'], samples)
        out = {k: v.float().cpu().numpy() for k, v in out.items()}
        for i, sample in enumerate(samples):
            # the loader keeps the dataset's order
            info = dataset.get_data_info(len(annotations))
            kept = out['kept'][i].astype(bool)
            keypoints = np.zeros((len(kept), 3))
            keypoints[kept, :2] = out['keypoints'][i][kept]
            keypoints[kept, 2] = 2
            x1, y1, x2, y2 = (float(v) for v in info['bbox'][0])
            scores = out['scores'][i]
            annotations.append(dict(
                id=int(info['id']), image_id=int(info['img_id']),
                category_id=1, iscrowd=0,
                bbox=[x1, y1, x2 - x1, y2 - y1],
                area=(x2 - x1) * (y2 - y1),
                keypoints=[round(float(v), 2) for v in keypoints.flatten()],
                num_keypoints=int(kept.sum()),
                keypoint_scores=[round(float(v), 4) for v in scores],
                keypoint_uncertainty=[round(float(v), 5)
                                      for v in out['uncertainty'][i]],
                score=float(scores[kept].mean()) if kept.any() else 0.))
            progress.update()
    with open(dataset.ann_file) as f:
        images = json.load(f)['images']
    used = {a['image_id'] for a in annotations}
    return dict(images=[img for img in images if img['id'] in used],
                annotations=annotations,
                categories=[_category(dataset.metainfo)])


def rank_by_uncertainty(annotations: List[dict], num: int) -> List[dict]:
    """The ``num`` persons most worth annotating next: the highest mean
    ``keypoint_uncertainty`` first (ties: the lower person score first).

    Args:
        annotations (list[dict]): exported pseudo-label annotations.
        num (int): how many to return.

    Returns:
        list[dict]: the chosen annotations, most uncertain first.
    """
    return sorted(annotations,
                  key=lambda a: (-float(np.mean(a['keypoint_uncertainty'])),
                                 a['score']))[:num]


def contact_sheet(annotations: List[dict], images: Dict[int, dict],
                  img_prefix: str, tile: tuple = (96, 128),
                  columns: int = 10) -> np.ndarray:
    """Crops of ``annotations`` in a grid, their kept pseudo-keypoints drawn
    from blue (the sheet's lowest uncertainty) to red (its highest).

    Args:
        annotations (list[dict]): exported pseudo-label annotations.
        images (dict): COCO image entries by id.
        img_prefix (str): folder of the images' ``file_name``.
        tile (tuple): ``(w, h)`` of one crop.
        columns (int): crops per row.

    Returns:
        np.ndarray: (rows * h, columns * w, 3) BGR image.
    """
    w, h = tile
    rows = max(1, -(-len(annotations) // columns))
    sheet = np.zeros((rows * h, columns * w, 3), np.uint8)
    kept = [u for a in annotations for u, v in zip(
        a['keypoint_uncertainty'], a['keypoints'][2::3]) if v > 0]
    low, high = (min(kept), max(kept)) if kept else (0., 1.)
    for i, ann in enumerate(annotations):
        image = mmcv.imread(
            osp.join(img_prefix, images[ann['image_id']]['file_name']))
        x, y, bw, bh = ann['bbox']
        scale = min(w / max(bw, 1.), h / max(bh, 1.))
        # box to tile, centred: [[s, 0, tx], [0, s, ty]]
        matrix = np.array([[scale, 0., w / 2 - scale * (x + bw / 2)],
                           [0., scale, h / 2 - scale * (y + bh / 2)]])
        crop = cv2.warpAffine(image, matrix, (w, h))
        points = np.array(ann['keypoints']).reshape(-1, 3)
        for (px, py, v), u in zip(points, ann['keypoint_uncertainty']):
            if v == 0:
                continue
            level = int(255 * (u - low) / max(high - low, 1e-12))
            color = cv2.applyColorMap(np.uint8([[level]]),
                                      cv2.COLORMAP_JET)[0, 0].tolist()
            centre = matrix @ np.array([px, py, 1.])
            cv2.circle(crop, tuple(int(round(c)) for c in centre), 2, color,
                       -1)
        r, c = divmod(i, columns)
        sheet[r * h:(r + 1) * h, c * w:(c + 1) * w] = crop
    return sheet
