"""Every config under configs/ and projects/ parses, and its model and
optimizer wrapper build."""
import glob
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpose.registry import MODELS

from .helpers import REPO

CONFIGS = sorted(
    p for pattern in ('configs/**/*.py', 'projects/*/configs/*.py')
    for p in glob.glob(osp.join(REPO, pattern), recursive=True)
    if '/_base_/' not in p)


def test_there_are_configs():
    assert len(CONFIGS) >= 2


@pytest.mark.parametrize('path', CONFIGS,
                         ids=[osp.relpath(p, REPO) for p in CONFIGS])
def test_config_parses_and_model_builds(path):
    cfg = Config.fromfile(path)
    if cfg.model.type != 'TopdownPoseEstimator':
        assert cfg.custom_imports.imports == ['semipose']
    model_cfg = cfg.model
    # no pretrained weights can be downloaded here
    for part in (model_cfg, model_cfg.get('student', {})):
        if 'backbone' in part:
            part.backbone.init_cfg = None
    model = MODELS.build(model_cfg)
    assert sum(p.numel() for p in model.parameters()) > 0
    assert build_optim_wrapper(model, cfg.optim_wrapper).param_groups
    assert cfg.train_cfg and cfg.val_evaluator
