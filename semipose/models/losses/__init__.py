from .uncertainty_selector import UncertaintySelector

__all__ = ['UncertaintySelector']
