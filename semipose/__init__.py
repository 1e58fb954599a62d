"""semipose: semi-supervised 2D human pose estimation for MMPose 1.x.

Importing the package registers every semipose component into the mmpose
registries (``custom_imports = dict(imports=['semipose'])`` in a config).
"""
import os

# mmengine 0.10 calls torch.load without weights_only, which torch >= 2.6
# turns on by default and which then refuses mmengine's own checkpoints
# (numpy objects in their meta). Checkpoints are the user's own, trusted
# files; an explicit setting of the variable is respected.
os.environ.setdefault('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', '1')

from . import datasets, engine, evaluation, fileio, models  # noqa: E402,F401
from .version import __version__  # noqa: E402

__all__ = ['__version__']
