"""Fault injection: ``tools/train.py`` killed with SIGKILL at several
moments and resumed with ``--resume`` ends with the weights, optimizer and
denoiser state of an uninterrupted run, bit for bit (CPU, deterministic
settings, no data workers: the resumed run replays every random draw)."""
import glob
import os
import os.path as osp
import signal
import subprocess
import sys

import pytest
import torch

from semipose.engine.hooks.pseudo_heatmap_denoiser import CHECKPOINT_KEY
from semipose.fileio import is_complete_checkpoint

from ..helpers import OURS, REPO, small_config

MAX_ITERS = 6


def write_config(synthetic_root, work_dir, kill=None) -> str:
    """The dual-student config on 6 iterations, a checkpoint and a
    validation every 2; ``kill``: the arguments of ``KillHook``."""
    cfg = small_config(OURS, synthetic_root, str(work_dir),
                       max_iters=MAX_ITERS)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1,
                               rampup_iters=2)
    cfg.train_cfg.val_interval = 2
    cfg.randomness = dict(seed=5, deterministic=True)
    # every validation improves: each writes a new best checkpoint
    cfg.custom_imports.imports.append('tests.fault_injection')
    cfg.val_evaluator = dict(type='ValidationCountMetric')
    cfg.default_hooks.checkpoint.update(interval=2, save_best='validations')
    if kill:
        cfg.custom_hooks.append(dict(type='KillHook', **kill))
    path = f'{work_dir}.py'
    cfg.dump(path)
    return path


def train(config, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS='ignore',
               PYTHONPATH=os.pathsep.join(
                   [REPO, os.environ.get('PYTHONPATH', '')]))
    return subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'train.py'), config, *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300)


def last_checkpoint(work_dir) -> str:
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


@pytest.fixture(scope='module')
def uninterrupted(synthetic_root, tmp_path_factory):
    work_dir = tmp_path_factory.mktemp('kill') / 'uninterrupted'
    result = train(write_config(synthetic_root, work_dir))
    assert result.returncode == 0, result.stderr[-3000:]
    return torch.load(work_dir / f'iter_{MAX_ITERS}.pth', weights_only=False)


@pytest.mark.parametrize('moment,at,resumed_from,cut_short,final_best', [
    ('iteration', 3, 'iter_2.pth', None, 6),
    # checkpoint writes: iter_2.pth, the best of iteration 2, iter_2.pth
    # again (the best recorded), iter_4.pth, the best of iteration 4, ...
    ('checkpoint', 4, 'iter_2.pth', 'iter_4.pth', 6),
    ('checkpoint', 5, 'iter_4.pth', 'best_validations_iter_4.pth', 2),
    # ... and iter_4.pth again: its first version does not record the new
    # best, which the resumed run adopts
    ('checkpoint', 6, 'iter_4.pth', 'iter_4.pth', 4),
    ('validation', 0, 'iter_2.pth', None, 6),
])
def test_killed_run_resumes_to_the_same_state(synthetic_root, tmp_path,
                                              uninterrupted, moment, at,
                                              resumed_from, cut_short,
                                              final_best):
    work_dir = tmp_path / 'run'
    killed = train(
        write_config(synthetic_root, work_dir, dict(moment=moment, at=at)))
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]

    # what the kill left: a complete checkpoint named by last_checkpoint,
    # and only complete best checkpoints
    pointed = last_checkpoint(work_dir)
    assert osp.basename(pointed) == resumed_from
    assert is_complete_checkpoint(pointed)
    for best in glob.glob(str(work_dir / 'best_*.pth')):
        assert is_complete_checkpoint(best), best
    partial = [osp.basename(p)
               for p in glob.glob(str(work_dir / '.*.partial'))]
    if cut_short:  # the kill came while this file was being written
        assert len(partial) == 1 and partial[0].startswith(f'.{cut_short}.')
    else:
        assert not partial

    resumed = train(write_config(synthetic_root, work_dir), '--resume')
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f'Auto resumed from the latest checkpoint {pointed}' in \
        resumed.stdout + resumed.stderr
    assert not glob.glob(str(work_dir / '.*.partial'))
    assert last_checkpoint(work_dir) == str(work_dir / f'iter_{MAX_ITERS}.pth')
    # one best checkpoint; the resumed run's validations count from 1
    # again, so it is the killed run's best unless a later one beats it
    assert [osp.basename(p) for p in glob.glob(str(work_dir / 'best_*.pth'))
            ] == [f'best_validations_iter_{final_best}.pth']

    final = torch.load(work_dir / f'iter_{MAX_ITERS}.pth', weights_only=False)
    for part in ('state_dict', 'optimizer'):
        torch.testing.assert_close(final[part], uninterrupted[part], rtol=0,
                                   atol=0, msg=lambda m: f'{part}: {m}')
    torch.testing.assert_close(final[CHECKPOINT_KEY],
                               uninterrupted[CHECKPOINT_KEY], rtol=0, atol=0)
    assert final['meta']['iter'] == MAX_ITERS
