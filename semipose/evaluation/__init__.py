from .multi_student_metric import MultiStudentMetric

__all__ = ['MultiStudentMetric']
