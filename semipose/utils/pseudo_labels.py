"""Pseudo-labels of a trained dual-student pair as a COCO person-keypoints
file: the model's own denoising path on every person of a box file."""
import json
from typing import Dict, List, Optional

import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.utils import ProgressBar
from mmpose.registry import DATASETS
from torch.utils.data import DataLoader


def _multi_view_transform(cfg: Config) -> dict:
    """The ``MultiViewAugment`` of a semi-supervised config's pipeline."""
    pipeline = cfg.train_dataloader.dataset.get('pipeline', [])
    for transform in pipeline:
        if transform.get('type') == 'MultiViewAugment':
            return transform
    raise ValueError('the config has no MultiViewAugment in '
                     'train_dataloader.dataset.pipeline: pseudo-labels need '
                     'a dual-student (semi-supervised) config')


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

