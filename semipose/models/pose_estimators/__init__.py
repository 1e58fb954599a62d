from .dual_student import DualStudentPoseEstimator

__all__ = ['DualStudentPoseEstimator']
