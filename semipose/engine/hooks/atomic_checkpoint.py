"""mmengine's ``CheckpointHook`` made safe against a kill at any instant."""
import logging
import os.path as osp
from collections import deque
from typing import Tuple

import torch

from mmengine.dist import barrier, is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.logging import print_log
from mmpose.registry import HOOKS

from semipose.fileio import (atomic_write, checkpoints_by_step,
                             is_complete_checkpoint,
                             newest_complete_checkpoint)


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """``CheckpointHook`` whose work_dir always holds a complete checkpoint
    that ``last_checkpoint`` names, whenever the process is killed.

    mmengine 0.10's hook writes files in place, removes the previous best
    and the oldest kept checkpoint *before* writing their successors and
    rewrites ``last_checkpoint`` in place, so a kill at the wrong instant
    leaves a truncated file, an empty ``last_checkpoint`` or no best
    checkpoint. This hook:

    * writes every checkpoint and ``last_checkpoint`` through
      :class:`~semipose.fileio.AtomicLocalBackend` (temporary file in the
      same folder, ``fsync``, rename; stale temporary files are removed on
      the next write);
    * removes a superseded checkpoint (beyond ``max_keep_ckpts``, or the
      previous best) only after its successor is complete and named by
      ``last_checkpoint``; one that a kill left behind is removed when the
      run resumes;
    * on ``resume=True`` without ``load_from`` (``tools/train.py --resume``),
      points ``last_checkpoint`` at the newest complete checkpoint before
      the runner resumes, naming any damaged newer file in a warning.

    Arguments are those of ``CheckpointHook``; checkpoints go to a local
    folder (``backend_args`` is fixed to the atomic local backend).
    """

    def __init__(self, *args, **kwargs):
        if kwargs.pop('backend_args', None) or \
                kwargs.get('file_client_args'):
            raise ValueError(
                'AtomicCheckpointHook writes to local folders through its own '
                'file backend: remove backend_args/file_client_args from '
                'default_hooks.checkpoint, or use type="CheckpointHook".')
        out_dir = kwargs.get('out_dir')
        if out_dir is not None and '://' in str(out_dir):
            raise ValueError(
                f'AtomicCheckpointHook writes to local folders only, got '
                f'out_dir={out_dir!r}; use type="CheckpointHook" for it.')
        super().__init__(
            *args, backend_args=dict(backend='atomic_local'), **kwargs)

    def before_run(self, runner) -> None:
        cfg = runner.cfg
        if not cfg.get('resume', False) or cfg.get('load_from'):
            return
        if is_main_process():
            self._point_at_complete_checkpoint(runner.work_dir)
        barrier()

    def _point_at_complete_checkpoint(self, work_dir: str) -> None:
        resume_from, damaged = newest_complete_checkpoint(
            work_dir, self.filename_tmpl)
        if not damaged:
            return
        if resume_from is None:
            raise RuntimeError(
                f'Cannot resume the run in {work_dir}: no complete '
                f'checkpoint there (incomplete or missing: '
                f'{", ".join(damaged)}). Start it afresh without --resume, '
                'or resume from a checkpoint given with --resume PATH.')
        print_log(
            f'Checkpoint {", ".join(damaged)} is incomplete or missing; '
            f'resuming from {resume_from}, the newest complete one.',
            logger='current', level=logging.WARNING)
        atomic_write(resume_from.encode(), osp.join(work_dir,
                                                    'last_checkpoint'))

    def before_train(self, runner) -> None:
        super().before_train(runner)
        # only a resumed run: a fresh one leaves earlier runs' files alone
        resumed = runner.cfg.get('resume', False) and runner.iter > 0
        if resumed and is_main_process() and self.save_best is not None \
                and 'auto' not in self.key_indicators:
            for key in self.key_indicators:
                self._settle_best_checkpoint(runner, key)

    def _best_keys(self, key: str) -> Tuple[str, str]:
        """The message hub's names of ``key``'s best score and path."""
        if len(self.key_indicators) == 1:
            return 'best_score', 'best_ckpt'
        return f'best_score_{key}', f'best_ckpt_{key}'

    def _settle_best_checkpoint(self, runner, key: str) -> None:
        """Keep one best checkpoint of ``key`` after a resume.

        A kill after a new best was written but before the latest checkpoint
        recorded it leaves a best the resumed state does not know: it is
        adopted (with its score) if it is complete and not newer than the
        resumed iteration. Every other best file of ``key`` (superseded, or
        written after the resumed iteration) is removed.
        """
        score_key, path_key = self._best_keys(key)
        hub = runner.message_hub
        current = hub.get_info(path_key)
        found = checkpoints_by_step(self.out_dir, self.filename_tmpl,
                                    f'best_{key}_'.replace('/', '_'))
        recorded_step = found.get(current, -1)
        adoptable = [(step, path) for path, step in found.items()
                     if recorded_step < step <= runner.iter
                     and is_complete_checkpoint(path)]
        if adoptable:
            current = max(adoptable)[1]
            saved = torch.load(current, map_location='cpu',
                               weights_only=False)['message_hub']
            hub.update_info(score_key, saved['runtime_info'][score_key])
            hub.update_info(path_key, current)
            runner.logger.info(f'Adopted the best checkpoint {current}, '
                               'written just before the run stopped.')
        self._set_best_paths({key: current})
        for path in found:
            if path != current:
                self.file_backend.remove(path)
                runner.logger.info(f'Removed {path}: not the best '
                                   'checkpoint of the resumed run.')

    def _best_paths(self) -> dict:
        if len(self.key_indicators) == 1:
            return {self.key_indicators[0]: self.best_ckpt_path}
        return dict(self.best_ckpt_path_dict)

    def _set_best_paths(self, paths: dict) -> None:
        if len(self.key_indicators) == 1:
            self.best_ckpt_path = next(iter(paths.values()))
        else:
            self.best_ckpt_path_dict.update(paths)

    def _save_best_checkpoint(self, runner, metrics) -> None:
        if not self.save_best:
            return
        # mmengine removes the previous best before it writes the new one:
        # hide the previous from it and remove it once the new is complete
        if 'auto' in self.key_indicators:
            self._init_rule(self.rules, [list(metrics.keys())[0]])
        previous = self._best_paths()
        self._set_best_paths(dict.fromkeys(previous))
        super()._save_best_checkpoint(runner, metrics)
        current = self._best_paths()
        for key, old in previous.items():
            if current[key] is None:  # not improved
                current[key] = old
            elif old and old != current[key] and is_main_process() and \
                    self.file_backend.isfile(old):
                self.file_backend.remove(old)
                runner.logger.info(f'The previous best checkpoint {old} is '
                                   'removed')
        self._set_best_paths(current)

    def _save_checkpoint_with_step(self, runner, step, meta) -> None:
        superseded = []
        if self.max_keep_ckpts > 0 and not (self.keep_ckpt_ids and
                                            self.keep_ckpt_ids[-1] == step):
            kept = list(self.keep_ckpt_ids) + [step]
            superseded = kept[:-self.max_keep_ckpts]
            # the new checkpoint still lists the superseded steps: a run
            # resumed from it removes them (CheckpointHook.before_train)
            # if a kill came before this method did
            runner.message_hub.update_info('keep_ckpt_ids', kept)
            self.keep_ckpt_ids = deque(kept[-self.max_keep_ckpts:],
                                       self.max_keep_ckpts)

        ckpt_filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir,
                                                     ckpt_filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)
        runner.save_checkpoint(
            self.out_dir,
            ckpt_filename,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        if self.max_keep_ckpts > 0:
            runner.message_hub.update_info('keep_ckpt_ids',
                                           list(self.keep_ckpt_ids))
        if not is_main_process():
            return
        atomic_write(self.last_ckpt.encode(),
                     osp.join(runner.work_dir, 'last_checkpoint'))
        for old_step in superseded:
            path = self.file_backend.join_path(
                self.out_dir, self.filename_tmpl.format(old_step))
            if self.file_backend.isfile(path):
                self.file_backend.remove(path)
            elif self.file_backend.isdir(path):  # deepspeed's checkpoints
                self.file_backend.rmtree(path)
