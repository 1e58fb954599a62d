from .exported_pseudo_labels import exported_pck, kept_pseudo_label_pck
from .multi_student_metric import MultiStudentMetric
from .pseudo_label_quality import pseudo_label_quality

__all__ = [
    'MultiStudentMetric', 'exported_pck', 'kept_pseudo_label_pck',
    'pseudo_label_quality'
]
