"""A test-only hook, imported by the 2-process test through
``custom_imports``: every rank saves its parameters after training."""
import os.path as osp

import torch
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmpose.registry import HOOKS


@HOOKS.register_module()
class SaveRankWeightsHook(Hook):
    """Write ``rank{r}_weights.pth`` (parameters only: BN buffers are not
    synchronised by DDP) into the work_dir."""

    def after_run(self, runner) -> None:
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        torch.save({k: v.detach().clone()
                    for k, v in model.named_parameters()},
                   osp.join(runner.work_dir,
                            f'rank{runner.rank}_weights.pth'))
