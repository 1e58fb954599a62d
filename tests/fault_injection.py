"""Test-only components, imported by the checkpoint and kill tests through
``custom_imports``: a hook with which the training process kills itself
with SIGKILL at a chosen moment, and a metric that improves at every
validation."""
import os
import signal

from mmengine.evaluator import BaseMetric
from mmengine.hooks import Hook
from mmpose.registry import HOOKS, METRICS


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@HOOKS.register_module()
class KillHook(Hook):
    """SIGKILL this process.

    Args:
        moment (str): ``'iteration'``: before training iteration ``at``
            (0-based); ``'checkpoint'``: halfway through writing the
            ``at``-th checkpoint file (1-based, best checkpoints included)
            of this process; ``'validation'``: before validation batch
            ``at`` of the first validation.
        at (int): see ``moment``.
        rank (int): only the process of this rank dies. Defaults to 0.
    """

    def __init__(self, moment: str, at: int, rank: int = 0):
        assert moment in ('iteration', 'checkpoint', 'validation'), moment
        self.moment = moment
        self.at = at
        self.rank = rank

    def before_run(self, runner) -> None:
        if self.moment != 'checkpoint' or runner.rank != self.rank:
            return
        replace = os.replace
        written = []

        def replace_or_die(src, dst):
            if dst.endswith('.pth'):
                written.append(dst)
                if len(written) == self.at:
                    # the temporary file holds half the checkpoint, as if
                    # the kill came while its bytes were being written
                    os.truncate(src, os.path.getsize(src) // 2)
                    _kill()
            replace(src, dst)

        # atomic_write renames through os.replace; this process dies anyway
        os.replace = replace_or_die

    def before_train_iter(self, runner, batch_idx, data_batch=None) -> None:
        if self.moment == 'iteration' and runner.iter == self.at and \
                runner.rank == self.rank:
            _kill()

    def before_val_iter(self, runner, batch_idx, data_batch=None) -> None:
        if self.moment == 'validation' and batch_idx == self.at and \
                runner.rank == self.rank:
            _kill()


@METRICS.register_module()
class ValidationCountMetric(BaseMetric):
    """``validations``: how many validations this process ran, so that
    every validation improves on the last and writes a best checkpoint."""

    default_prefix = None

    def __init__(self):
        super().__init__()
        self.count = 0

    def process(self, data_batch, data_samples) -> None:
        self.results.append(None)

    def compute_metrics(self, results) -> dict:
        self.count += 1
        return dict(validations=self.count)
