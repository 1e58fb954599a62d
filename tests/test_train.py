"""Short real training runs of the synthetic configs through the Runner."""
import json
import math

import pytest
from mmengine.runner import Runner

from .helpers import OURS, SUPERVISED, small_config


def scalars(work_dir):
    path = next(work_dir.rglob('scalars.json'))
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_supervised_baseline_trains_and_evaluates(synthetic_root, tmp_path):
    cfg = small_config(SUPERVISED, synthetic_root, str(tmp_path))
    runner = Runner.from_cfg(cfg)
    runner.train()
    logs = scalars(tmp_path)
    assert all(math.isfinite(r['loss']) for r in logs if 'loss' in r)
    val = [r for r in logs if 'coco/AP' in r]
    assert len(val) == 1 and 0.0 <= val[0]['coco/AP'] <= 1.0
    assert (tmp_path / 'iter_4.pth').exists()


@pytest.mark.parametrize('config', [
    OURS, OURS.replace('dual-student_', 'dual-student-view-pool_')
], ids=['ours', 'pool of views'])
def test_dual_student_trains_and_validates_a_b_and_ensemble(
        config, synthetic_root, tmp_path):
    cfg = small_config(config, synthetic_root, str(tmp_path))
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1, rampup_iters=0)
    runner = Runner.from_cfg(cfg)
    runner.train()
    logs = scalars(tmp_path)
    train = [r for r in logs if 'unsup_a_loss_kpt' in r]
    assert len(train) == 3  # iterations 2-4, after the warm-up
    for record in train:
        for key in ('sup_a_loss_kpt', 'sup_b_loss_kpt', 'unsup_a_loss_kpt',
                    'unsup_b_loss_kpt'):
            assert math.isfinite(record[key])
        assert record['unsup_a_kept'] > 0 and record['unsup_b_kept'] > 0
    val = [r for r in logs if 'ensemble/coco/AP' in r]
    assert len(val) == 1
    assert {'student_a/coco/AP', 'student_b/coco/AP'} <= set(val[0])
