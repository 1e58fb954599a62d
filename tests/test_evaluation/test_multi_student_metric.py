import numpy as np
import pytest
from mmengine.structures import InstanceData

from semipose.evaluation import MultiStudentMetric


class FakeMetric:
    """Records what it is given; 'AP' = mean x of the first keypoint."""

    def __init__(self):
        self.seen = []
        self.dataset_meta = None

    def process(self, data_batch, data_samples):
        self.seen += [s['pred_instances']['keypoints'][0, 0, 0]
                      for s in data_samples]

    def evaluate(self, size):
        return {'fake/AP': float(np.mean(self.seen))}


def test_each_student_is_evaluated_on_its_own_predictions(monkeypatch):
    from mmpose.registry import METRICS
    monkeypatch.setattr(METRICS, 'build', lambda cfg: FakeMetric())
    metric = MultiStudentMetric(metric=dict(type='CocoMetric'))
    metric.dataset_meta = dict(dataset_name='coco')
    assert all(m.dataset_meta == dict(dataset_name='coco')
               for m in metric.metrics.values())

    def sample(a, b, e):
        return {f'pred_instances_{n}': dict(keypoints=np.full((1, 17, 2), v))
                for n, v in (('a', a), ('b', b), ('ensemble', e))}

    metric.process({}, [sample(1., 5., 3.), sample(3., 7., 5.)])
    assert metric.evaluate(2) == {
        'student_a/fake/AP': 2.0, 'student_b/fake/AP': 6.0,
        'ensemble/fake/AP': 4.0}
    with pytest.raises(KeyError, match='predict_on="all"'):
        metric.process({}, [dict(pred_instances=InstanceData())])
    with pytest.raises(ValueError, match='unknown students'):
        MultiStudentMetric(metric=dict(type='CocoMetric'), students=['c'])
