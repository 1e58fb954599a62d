"""The quality table reports what each student learns from next to the
single view keeping the same share of keypoints."""
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmpose.registry import DATASETS, MODELS, TRANSFORMS

from mmpose.structures.bbox import get_warp_matrix

from semipose.datasets.transforms.multi_view_augment import (compose_affine,
                                                             flip_matrix)
from semipose.evaluation import pseudo_label_quality
from semipose.evaluation.pseudo_label_quality import (easy_view_to_image,
                                                      keypoint_order)

from ..helpers import OURS


def _quality(model, cfg, synthetic_root, **kwargs):
    """The quality rows of ``model`` on the synthetic training persons."""
    dataset = DATASETS.build(dict(
        type='CocoDataset', data_root=synthetic_root + '/',
        data_mode='topdown',
        ann_file='annotations/person_keypoints_train.json',
        data_prefix=dict(img='images/'), pipeline=[]))
    transforms = [TRANSFORMS.build(t)
                  for t in cfg.train_dataloader.dataset.pipeline]
    np.random.seed(0)
    return pseudo_label_quality(model, dataset, transforms, **kwargs)


# COCO's mirror keypoints: nose, then left/right pairs
COCO_FLIP = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]


def test_easy_view_peaks_return_to_the_persons_keypoints_mirrored_or_not():
    """A mirrored easy view shows the person's right wrist where a left
    wrist would be: the model's left-wrist channel peaks there, and mapping
    back must give the person's right wrist, not compare it with the left
    (the bug this test pins: mirrored samples scored as left/right swaps)."""
    rng = np.random.default_rng(0)
    truth = rng.uniform(100, 300, (2, 17, 2))
    w, h = 96, 128
    warp = get_warp_matrix(np.array([200., 200.]), np.array([240., 320.]),
                           20., output_size=(w, h))
    easy = np.stack([warp, compose_affine(flip_matrix(w), warp)])
    heatmap_scale = (0.5, 0.5)

    def to_heatmap(matrix, points):
        return (points @ matrix[:, :2].T + matrix[:, 2]) * 0.5

    coords = np.stack([to_heatmap(easy[0], truth[0]),
                       # channel k peaks at the mirror keypoint's position
                       to_heatmap(easy[1], truth[1][COCO_FLIP])])
    back = easy_view_to_image(coords, easy, heatmap_scale,
                              keypoint_order(easy, COCO_FLIP))
    np.testing.assert_allclose(back, truth, atol=1e-6)


def test_final_targets_next_to_the_single_view_at_the_same_share(
        synthetic_root):
    cfg = Config.fromfile(OURS)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).train()
    rows = _quality(model, cfg, synthetic_root, thresholds=(0.0, 1.5),
                    num_samples=8, batch_size=4)
    by = {(r['stage'], r['threshold']): r for r in rows}
    for name in ('A', 'B'):
        final = by[f'final targets, student {name}', 0.0]
        assert final['kept'] == 1.0  # tau 0: every keypoint has a target
    # the untrained model's peaks reach about 3: tau 1.5 drops some, and
    # the single view keeps the same share of its most confident keypoints
    final = by['final targets, student A', 1.5]
    same = [r for r in rows if r['stage'] == 'single view, same share'
            and r['threshold'] == 1.5][0]
    assert 0.0 < final['kept'] < 1.0
    assert same['kept'] == pytest.approx(final['kept'], abs=0.02)


def test_two_student_mean_averages_the_views_of_both_students(
        synthetic_root):
    cfg = Config.fromfile(OURS)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).train()
    # B predicts all-zero heatmaps: the mean over both students' views is
    # half of A's mean, same peaks at half the value
    torch.nn.init.zeros_(model.student_b.head.final_layer.weight)
    torch.nn.init.zeros_(model.student_b.head.final_layer.bias)
    rows = _quality(model, cfg, synthetic_root, thresholds=(0.0, 0.5, 1.0),
                    num_samples=8, batch_size=4)
    by = {(r['stage'], r['threshold']): r for r in rows}
    both, one = by['two-student mean', 0.0], by['multi-view mean', 0.0]
    assert both['kept'] == one['kept'] == 1.0
    assert both['pck'] == pytest.approx(one['pck'])
    # within 0.01 px: the untrained maps have values at or below zero next
    # to some peaks, clamped before the sub-pixel log-parabola, where
    # halving the map is not exactly neutral
    assert both['error'] == pytest.approx(one['error'], abs=0.01)
    # tau 0.5 on the halved maps keeps what tau 1.0 keeps of A's mean
    both, one = by['two-student mean', 0.5], by['multi-view mean', 1.0]
    assert 0.0 < both['kept'] < 1.0
    assert both['kept'] == pytest.approx(one['kept'])
    assert both['error'] == pytest.approx(one['error'], abs=0.01)
    # each two-student row is followed by the single view at its share
    stages = [r['stage'] for r in rows]
    same = rows[stages.index('two-student mean') + 1]
    assert same['stage'] == 'single view, same share'
