"""The quality table reports what each student learns from next to the
single view keeping the same share of keypoints."""
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmpose.registry import DATASETS, MODELS, TRANSFORMS

from semipose.evaluation import pseudo_label_quality

from ..helpers import OURS


def test_final_targets_next_to_the_single_view_at_the_same_share(
        synthetic_root):
    cfg = Config.fromfile(OURS)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model).train()
    dataset = DATASETS.build(dict(
        type='CocoDataset', data_root=synthetic_root + '/',
        data_mode='topdown',
        ann_file='annotations/person_keypoints_train.json',
        data_prefix=dict(img='images/'), pipeline=[]))
    transforms = [TRANSFORMS.build(t)
                  for t in cfg.train_dataloader.dataset.pipeline]
    np.random.seed(0)
    rows = pseudo_label_quality(model, dataset, transforms,
                                thresholds=(0.0, 1.5), num_samples=8,
                                batch_size=4)
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
