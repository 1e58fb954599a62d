"""semipose: semi-supervised 2D human pose estimation for MMPose 1.x.

Importing the package registers every semipose component into the mmpose
registries (``custom_imports = dict(imports=['semipose'])`` in a config).
"""
from . import datasets, engine, evaluation, models  # noqa: F401
from .version import __version__

__all__ = ['__version__']
