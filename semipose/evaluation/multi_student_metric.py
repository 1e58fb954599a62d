"""Evaluate student A, student B and their ensemble in one validation pass."""
import copy
from typing import Dict, Optional, Sequence

from mmengine.evaluator import BaseMetric
from mmpose.registry import METRICS

PREFIXES = dict(a='student_a', b='student_b', ensemble='ensemble')


@METRICS.register_module()
class MultiStudentMetric(BaseMetric):
    """Run one metric (e.g. ``CocoMetric``) on each prediction of
    :class:`DualStudentPoseEstimator` with ``predict_on='all'``.

    The model fills ``pred_instances_a``, ``pred_instances_b`` and
    ``pred_instances_ensemble``; each copy of ``metric`` sees one of them as
    ``pred_instances``. Results are prefixed ``student_a/``, ``student_b/``
    and ``ensemble/`` (``student_a/coco/AP`` ...), so ``save_best`` can pick
    any of them.

    Args:
        metric (dict): config of the wrapped metric.
        students (sequence[str]): which of ``'a'``, ``'b'``, ``'ensemble'``.
    """

    def __init__(self,
                 metric: Dict,
                 students: Sequence[str] = ('a', 'b', 'ensemble'),
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None):
        super().__init__(collect_device=collect_device, prefix=prefix)
        unknown = set(students) - set(PREFIXES)
        if unknown:
            raise ValueError(f'MultiStudentMetric: unknown students '
                             f'{sorted(unknown)}; use {sorted(PREFIXES)}')
        self.metrics = {
            name: METRICS.build(copy.deepcopy(metric))
            for name in students
        }

    @property
    def dataset_meta(self) -> Optional[dict]:
        return self._dataset_meta

    @dataset_meta.setter
    def dataset_meta(self, dataset_meta: dict) -> None:
        self._dataset_meta = dataset_meta
        for metric in self.metrics.values():
            metric.dataset_meta = dataset_meta

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for name, metric in self.metrics.items():
            key = f'pred_instances_{name}'
            if data_samples and key not in data_samples[0]:
                raise KeyError(
                    f'MultiStudentMetric: predictions have no "{key}"; set '
                    f'model.predict_on="all" in the config')
            metric.process(data_batch, [
                dict(sample, pred_instances=sample[key])
                for sample in data_samples
            ])

    def compute_metrics(self, results: list) -> dict:
        # evaluate() delegates to the wrapped metrics
        raise NotImplementedError

    def evaluate(self, size: int) -> dict:
        return {
            f'{PREFIXES[name]}/{key}': value
            for name, metric in self.metrics.items()
            for key, value in metric.evaluate(size).items()
        }
