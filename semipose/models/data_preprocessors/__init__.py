from .multi_view_data_preprocessor import MultiViewPoseDataPreprocessor

__all__ = ['MultiViewPoseDataPreprocessor']
