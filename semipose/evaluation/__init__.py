from .multi_student_metric import MultiStudentMetric
from .pseudo_label_quality import pseudo_label_quality

__all__ = ['MultiStudentMetric', 'pseudo_label_quality']
