"""AtomicCheckpointHook: a superseded checkpoint goes only once its
successor is complete, resume skips a damaged newest checkpoint, and a
failed checkpoint write stops the run with one clear error."""
import glob
import os.path as osp

import pytest
import torch
from mmengine.runner import Runner

import tests.fault_injection  # noqa: F401 (registers ValidationCountMetric)
from semipose.fileio import AtomicLocalBackend, is_complete_checkpoint

from ..helpers import SUPERVISED, FileSizeLimit, small_config


def build(synthetic_root, work_dir, max_iters, resume=False,
          max_keep_ckpts=1):
    cfg = small_config(SUPERVISED, synthetic_root, str(work_dir),
                       max_iters=max_iters)
    # every validation improves: each writes a new best checkpoint
    cfg.val_evaluator = dict(type='ValidationCountMetric')
    cfg.default_hooks.checkpoint.update(
        interval=2, max_keep_ckpts=max_keep_ckpts, save_best='validations')
    cfg.train_cfg.val_interval = 2
    cfg.randomness = dict(seed=5, deterministic=True)
    cfg.resume = resume
    return Runner.from_cfg(cfg)


def last_checkpoint(work_dir) -> str:
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


def test_superseded_checkpoints_go_after_their_successors(
        synthetic_root, tmp_path, monkeypatch):
    removals = []
    remove = AtomicLocalBackend.remove

    def spy(backend, path):
        pointed = last_checkpoint(tmp_path)
        bests = [p for p in glob.glob(str(tmp_path / 'best_*.pth'))
                 if p != path]
        removals.append(osp.basename(path))
        # at every removal a complete checkpoint is named by
        # last_checkpoint, and another complete best exists
        assert pointed != path and is_complete_checkpoint(pointed)
        assert len(bests) == 1 and is_complete_checkpoint(bests[0])
        remove(backend, path)

    monkeypatch.setattr(AtomicLocalBackend, 'remove', spy)
    build(synthetic_root, tmp_path, max_iters=6).train()
    assert sorted(removals) == [
        'best_validations_iter_2.pth', 'best_validations_iter_4.pth',
        'iter_2.pth', 'iter_4.pth'
    ]
    assert sorted(osp.basename(p) for p in glob.glob(str(tmp_path / '*.pth'))
                  ) == ['best_validations_iter_6.pth', 'iter_6.pth']
    assert last_checkpoint(tmp_path) == str(tmp_path / 'iter_6.pth')


def test_resume_skips_a_damaged_newest_checkpoint(synthetic_root, tmp_path):
    straight = build(synthetic_root, tmp_path / 'straight', max_iters=6)
    straight.train()

    work_dir = tmp_path / 'damaged'
    build(synthetic_root, work_dir, max_iters=4, max_keep_ckpts=2).train()
    newest = work_dir / 'iter_4.pth'
    newest.write_bytes(newest.read_bytes()[:1000])
    # a best of an earlier step that a kill left behind
    stale_best = work_dir / 'best_validations_iter_1.pth'
    stale_best.write_bytes(b'')

    resumed = build(synthetic_root, work_dir, max_iters=6, resume=True,
                    max_keep_ckpts=2)
    resumed.train()
    log = open(sorted(glob.glob(str(work_dir / '*' / '*.log')))[-1]).read()
    assert (f'Checkpoint {newest} is incomplete or missing; resuming from '
            f'{work_dir / "iter_2.pth"}, the newest complete one.') in log
    assert not stale_best.exists()
    a = straight.model.state_dict()
    b = resumed.model.state_dict()
    for key in a:
        torch.testing.assert_close(b[key], a[key], rtol=0, atol=0,
                                   msg=f'{key} differs after resume')
    assert is_complete_checkpoint(last_checkpoint(work_dir))


def test_resume_without_a_complete_checkpoint_says_so(synthetic_root,
                                                      tmp_path):
    build(synthetic_root, tmp_path, max_iters=2).train()
    (tmp_path / 'iter_2.pth').write_bytes(b'')
    runner = build(synthetic_root, tmp_path, max_iters=4, resume=True)
    with pytest.raises(RuntimeError, match='no complete checkpoint there'):
        runner.train()


def test_full_disk_at_checkpoint_time_is_one_clear_error(
        synthetic_root, tmp_path):
    build(synthetic_root, tmp_path, max_iters=2).train()
    before = (tmp_path / 'iter_2.pth').read_bytes()
    runner = build(synthetic_root, tmp_path, max_iters=4, resume=True)
    with FileSizeLimit(256 * 1024), pytest.raises(OSError) as info:
        runner.train()
    assert str(info.value).startswith(
        f'[Errno 27] Could not write {tmp_path / "iter_4.pth"}: '
        'File too large.')
    assert (tmp_path / 'iter_2.pth').read_bytes() == before
    assert last_checkpoint(tmp_path) == str(tmp_path / 'iter_2.pth')
    assert not (tmp_path / 'iter_4.pth').exists()
    assert not glob.glob(str(tmp_path / '.*.partial'))


def test_a_fresh_run_leaves_earlier_runs_files_alone(synthetic_root,
                                                     tmp_path):
    earlier = tmp_path / 'best_validations_iter_8.pth'
    earlier.write_bytes(b'an earlier run of this work_dir')
    build(synthetic_root, tmp_path, max_iters=2).train()
    assert earlier.read_bytes() == b'an earlier run of this work_dir'
    assert (tmp_path / 'best_validations_iter_2.pth').exists()
