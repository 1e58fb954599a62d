"""How good are pseudo-labels? Measured against hidden ground truth.

For unlabeled persons whose keypoints the training never reads (the
unlabeled split of a file that has them), compare the pseudo-keypoints of
each denoising stage with the ground truth: a single view, the multi-view
aggregate (max and mean) at threshold tau, the target each student learns
from (the model's own pool and selector) and, as a reference for what
aggregation alone can give, the mean over both students' views; each of
the last two next to the single view keeping the same share.
"""
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np
import torch
from mmengine.dataset import pseudo_collate
from mmengine.utils import ProgressBar

from ..models.utils import aggregate_heatmaps, heatmap_peaks


def keypoint_order(easy_matrices: np.ndarray,
                   flip_indices: Sequence[int]) -> np.ndarray:
    """Per sample, the easy-view channel of each of the person's keypoints:
    in a mirrored easy view channel k shows the mirror keypoint
    ``flip_indices[k]``.

    Args:
        easy_matrices (np.ndarray): (N, 2, 3) original image -> easy view.
        flip_indices (sequence[int]): (K,) the mirror of each keypoint.

    Returns:
        np.ndarray: (N, K) channel indices.
    """
    mirrored = np.linalg.det(easy_matrices[:, :, :2]) < 0
    identity = np.arange(len(flip_indices))
    return np.where(mirrored[:, None], np.asarray(flip_indices)[None],
                    identity[None])


def easy_view_to_image(coords: np.ndarray, easy_matrices: np.ndarray,
                       heatmap_scale: Tuple[float, float],
                       order: np.ndarray) -> np.ndarray:
    """Heatmap peaks of the easy view -> the person's keypoints in original
    image pixels.

    Args:
        coords (np.ndarray): (N, K, 2) peaks in easy-view heatmap pixels.
        easy_matrices (np.ndarray): (N, 2, 3) original image -> easy view
            (input pixels).
        heatmap_scale (tuple[float, float]): heatmap over input size (x, y).
        order (np.ndarray): (N, K) the samples' ``keypoint_order``.

    Returns:
        np.ndarray: (N, K, 2) keypoints in image pixels, in the person's
        keypoint order.
    """
    inv = np.linalg.inv(np.concatenate(
        [easy_matrices, np.tile([[[0., 0., 1.]]],
                                (len(easy_matrices), 1, 1))], 1))[:, :2]
    xy = coords / np.asarray(heatmap_scale)
    xy = np.einsum('nij,nkj->nki', inv[:, :, :2], xy) + inv[:, None, :, 2]
    return np.take_along_axis(xy, order[..., None], axis=1)


def _final_targets(model, mapped: torch.Tensor,
                   thresholds: Sequence[float]) -> Dict[str, tuple]:
    """What each student learns from at each threshold, through the
    model's own path (pool, then its selector): ``final_{a,b}_{tau}`` ->
    (kept (N, K) as float, easy-view heatmap peaks (N, K, 2))."""
    identity = mapped.new_tensor([[1., 0., 0.], [0., 1., 0.]]).expand(
        mapped.shape[2], 2, 3)
    stages = {}
    for tau in thresholds:
        pool = model.pseudo_label_pool(mapped, identity, tau)
        for index, name in enumerate(('a', 'b')):
            choice = model.selector.select(pool['targets'], pool['keep'],
                                           pool['uncertainty'], index)[2]
            member = choice.clamp(min=0)
            peaks = pool['peaks'].gather(
                0, member[None, ..., None].expand(
                    1, *pool['peaks'].shape[1:]))[0]
            stages[f'final_{name}_{tau}'] = ((choice >= 0).float(), peaks)
    return stages


def _collect(model, dataset, transforms, indices: Sequence[int],
             batch_size: int,
             thresholds: Sequence[float]) -> Dict[str, np.ndarray]:
    """Peaks of every stage plus ground truth, in original image pixels."""
    out: Dict[str, List[np.ndarray]] = {}
    sx = model.heatmap_size[0] / model.input_size[0]
    sy = model.heatmap_size[1] / model.input_size[1]
    bar = ProgressBar(len(indices))
    for start in range(0, len(indices), batch_size):
        items, truth = [], []
        for idx in indices[start:start + batch_size]:
            info = dataset.get_data_info(idx)
            info['unlabeled'] = True
            for t in transforms:
                info = t(info)
            truth.append(dataset.get_data_info(idx))
            items.append(info)
            bar.update()
        batch = model.data_preprocessor(pseudo_collate(items), training=True)
        samples = batch['data_samples']['unsup']
        # one forward pass of each pseudo-labeler for every stage
        mapped = model.pseudo_label_views(batch['inputs']['unsup_views'],
                                          samples)
        stages = {}
        for name, views in zip(('a', 'b'), mapped):
            stages[f'single_{name}'] = heatmap_peaks(views[0])
            stages[f'max_{name}'] = heatmap_peaks(
                aggregate_heatmaps(views, 'max'))
            stages[f'mean_{name}'] = heatmap_peaks(
                aggregate_heatmaps(views, 'mean'))
        # (2, V, N, K, h, w) -> every view of both students
        stages['mean_ab'] = heatmap_peaks(
            aggregate_heatmaps(mapped.flatten(0, 1), 'mean'))
        stages.update(_final_targets(model, mapped, thresholds))
        easy = np.stack([s.metainfo['easy_matrix'] for s in samples])
        order = keypoint_order(easy, samples[0].metainfo['flip_indices'])
        for key, (values, coords) in stages.items():
            out.setdefault(f'{key}_value', []).append(np.take_along_axis(
                values.cpu().numpy(), order, axis=1))
            if coords is not None:
                out.setdefault(f'{key}_xy', []).append(easy_view_to_image(
                    coords.cpu().numpy(), easy, (sx, sy), order))
        out.setdefault('gt_xy', []).append(
            np.stack([t['keypoints'][0] for t in truth]))
        out.setdefault('gt_vis', []).append(
            np.stack([t['keypoints_visible'][0] for t in truth]))
        out.setdefault('box', []).append(np.stack(
            [np.max(t['bbox'][0, 2:] - t['bbox'][0, :2]) for t in truth]))
    print()
    return {k: np.concatenate(v) for k, v in out.items()}


def _row(stage: str, tau: float, kept: np.ndarray, err: np.ndarray,
         box: np.ndarray, labeled: np.ndarray) -> dict:
    kept = kept & labeled
    n_kept = kept.sum()
    pck = ((err <= 0.05 * box[:, None]) & kept).sum() / max(n_kept, 1)
    return dict(stage=stage, threshold=tau, kept=n_kept / labeled.sum(),
                pck=float(pck),
                error=float(err[kept].mean()) if n_kept else float('nan'))


def pseudo_label_quality(model, dataset, transforms: Iterable,
                         thresholds: Sequence[float] = (0.0, 0.3, 0.5, 0.7),
                         num_samples: int = 500,
                         batch_size: int = 32) -> List[dict]:
    """Kept fraction, PCK@0.05 of the box size and mean pixel error of the
    kept pseudo-keypoints, per stage and threshold.

    Args:
        model (DualStudentPoseEstimator): trained model (eval mode is not
            needed: no-grad passes as in training).
        dataset (BaseCocoStyleDataset): persons with ground truth that the
            training did not read.
        transforms (list): ``LoadImage``, ``GetBBoxCenterScale`` and the
            training's ``MultiViewAugment``.
        thresholds (sequence[float]): values of tau.
        num_samples (int): persons to evaluate (evenly spaced).
        batch_size (int): persons per forward pass.

    Returns:
        list[dict]: rows with ``stage``, ``threshold``, ``kept``, ``pck``
        and ``error`` (pixels of the original image).
    """
    indices = np.linspace(0, len(dataset) - 1,
                          min(num_samples, len(dataset))).astype(int)
    data = _collect(model, dataset, transforms, list(indices), batch_size,
                    thresholds)
    labeled = data['gt_vis'] > 0
    box = data['box']

    def error(key):
        return np.linalg.norm(data[f'{key}_xy'] - data['gt_xy'], axis=-1)

    def same_share(kept, tau):
        # the single view keeping as many of its most confident keypoints
        share = (kept & labeled).sum() / labeled.sum()
        single = np.where(labeled, data['single_a_value'], -np.inf)
        bound = (np.quantile(single[labeled], 1 - share)
                 if share > 0 else np.inf)
        return _row('single view, same share', tau, single >= bound,
                    error('single_a'), box, labeled)

    rows = []
    for tau in thresholds:
        for stage in ('single', 'max', 'mean'):
            value = data[f'{stage}_a_value']
            name = dict(single='single view', max='multi-view max',
                        mean='multi-view mean')[stage]
            rows.append(_row(name, tau, value >= tau, error(f'{stage}_a'),
                             box, labeled))
        # what each student learns from (the model's selector), and the
        # single view keeping the same share of its most confident keypoints
        for name in ('a', 'b'):
            kept = data[f'final_{name}_{tau}_value'] > 0
            rows.append(_row(f'final targets, student {name.upper()}', tau,
                             kept, error(f'final_{name}_{tau}'), box,
                             labeled))
            rows.append(same_share(kept, tau))
        kept = data['mean_ab_value'] >= tau
        rows.append(_row('two-student mean', tau, kept, error('mean_ab'),
                         box, labeled))
        rows.append(same_share(kept, tau))
    return rows
