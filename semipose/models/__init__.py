from .data_preprocessors import MultiViewPoseDataPreprocessor
from .losses import UncertaintySelector
from .pose_estimators import DualStudentPoseEstimator

__all__ = [
    'DualStudentPoseEstimator', 'MultiViewPoseDataPreprocessor',
    'UncertaintySelector'
]
