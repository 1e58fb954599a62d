"""Two-process training on CPU through tools/dist_train.sh (gloo)."""
import json
import os
import socket
import subprocess
import sys
import time

import torch

from mmengine.runner import Runner

from ..helpers import OURS, REPO, small_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_two_processes_train_and_checkpoint_evaluates_alike(
        synthetic_root, tmp_path):
    cfg = small_config(OURS, synthetic_root, str(tmp_path / 'ddp'),
                       max_iters=3, batch_size=4)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1,
                               rampup_iters=0)
    cfg.custom_imports.imports.append('tests.rank_weights_probe')
    cfg.custom_hooks.append(dict(type='SaveRankWeightsHook'))
    config = str(tmp_path / 'ddp.py')
    cfg.dump(config)
    env = dict(os.environ, PORT=str(free_port()), PYTHON=sys.executable,
               PYTHONWARNINGS='ignore', PYTHONPATH=os.pathsep.join(
                   [REPO, os.environ.get('PYTHONPATH', '')]))
    result = subprocess.run(
        ['bash', os.path.join(REPO, 'tools', 'dist_train.sh'), config, '2'],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[
        -3000:]
    ckpt = tmp_path / 'ddp' / 'iter_3.pth'
    assert ckpt.exists()

    # both ranks end with the students of the checkpoint
    rank0, rank1 = (torch.load(tmp_path / 'ddp' / f'rank{r}_weights.pth')
                    for r in (0, 1))
    assert rank0.keys() == rank1.keys()
    assert {k.split('.')[0] for k in rank0} == {'student_a', 'student_b'}
    for key in rank0:
        assert torch.equal(rank0[key], rank1[key]), key
    saved = torch.load(ckpt, weights_only=False)['state_dict']
    for key in rank0:
        assert torch.equal(rank0[key], saved[key]), key
    scalars = next((tmp_path / 'ddp').rglob('scalars.json'))
    records = [json.loads(line) for line in scalars.read_text().split('\n')
               if line]
    train = [r for r in records if 'unsup_a_loss_kpt' in r]
    assert len(train) == 2  # iterations 2 and 3, after the warm-up
    ddp_ap = [r for r in records if 'student_a/coco/AP' in r][-1]

    # the checkpoint, evaluated by one process, gives the same metrics
    cfg = small_config(OURS, synthetic_root, str(tmp_path / 'single'))
    cfg.load_from = str(ckpt)
    metrics = Runner.from_cfg(cfg).test()
    for key in ('student_a/coco/AP', 'student_b/coco/AP', 'ensemble/coco/AP'):
        assert abs(metrics[key] - ddp_ap[key]) < 1e-6


def test_a_killed_rank_ends_the_run_within_a_bounded_time(
        synthetic_root, tmp_path):
    cfg = small_config(OURS, synthetic_root, str(tmp_path / 'ddp'),
                       max_iters=20, batch_size=4)
    cfg.custom_imports.imports.append('tests.fault_injection')
    cfg.custom_hooks.append(
        dict(type='KillHook', moment='iteration', at=2, rank=1))
    config = str(tmp_path / 'ddp.py')
    cfg.dump(config)
    env = dict(os.environ, PORT=str(free_port()), PYTHON=sys.executable,
               PYTHONWARNINGS='ignore', PYTHONPATH=os.pathsep.join(
                   [REPO, os.environ.get('PYTHONPATH', '')]))
    start = time.monotonic()
    result = subprocess.run(
        ['bash', os.path.join(REPO, 'tools', 'dist_train.sh'), config, '2'],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    elapsed = time.monotonic() - start
    assert result.returncode != 0
    # torchrun stops the surviving rank and names the one that died
    assert 'Signal 9 (SIGKILL) received by PID' in result.stderr, \
        result.stderr[-3000:]
    assert 'local_rank: 1' in result.stderr
    assert elapsed < 120, f'{elapsed:.0f} s'
