"""An interrupted and resumed run ends with the weights of an uninterrupted
one (CPU, one process, no data workers: every random draw is replayed)."""
import torch
from mmengine.runner import Runner

from ..helpers import OURS, small_config


def run(synthetic_root, work_dir, max_iters, resume_from=None):
    cfg = small_config(OURS, synthetic_root, str(work_dir),
                       max_iters=max_iters)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1,
                               rampup_iters=2)
    cfg.default_hooks.checkpoint.interval = 2
    cfg.train_cfg.val_interval = 100  # no validation: weights only
    cfg.randomness = dict(seed=5, deterministic=True)
    if resume_from:
        cfg.resume = True
        cfg.load_from = str(resume_from)
    runner = Runner.from_cfg(cfg)
    runner.train()
    return runner


def test_resume_gives_the_same_weights(synthetic_root, tmp_path):
    straight = run(synthetic_root, tmp_path / 'straight', 4)
    run(synthetic_root, tmp_path / 'part', 2)
    resumed = run(synthetic_root, tmp_path / 'resumed', 4,
                  resume_from=tmp_path / 'part' / 'iter_2.pth')
    assert resumed.iter == 4
    a = straight.model.state_dict()
    b = resumed.model.state_dict()
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(b[key], a[key], rtol=0, atol=0,
                                   msg=f'{key} differs after resume')
    assert resumed.optim_wrapper.get_lr() == straight.optim_wrapper.get_lr()
