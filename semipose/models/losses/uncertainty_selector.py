"""Selection of each student's learning target from the pseudo-heatmap pool."""
from typing import Dict, Tuple

import torch
from mmpose.registry import MODELS
from torch import Tensor, nn


@MODELS.register_module()
class UncertaintySelector(nn.Module):
    """Pick, per keypoint, a student's target from the pool of pseudo-heatmaps
    and compute the masked heatmap loss.

    The pool holds one member per student (its denoised pseudo-heatmaps),
    already expressed in the frame of the learning student's hard view.

    Args:
        mode (str): ``'min_uncertainty'`` (default): the kept member with the
            lowest uncertainty; ``'peer'``: always the other student's member
            (PoseDual's cross supervision); ``'weighted'``: the kept members
            averaged with weights ``softmax(-uncertainty / temperature)``.
        temperature (float): temperature of ``'weighted'``. Defaults to 0.1.
        loss (dict): config of the heatmap loss, called as
            ``loss(pred, target, weights)``. Defaults to mmpose's
            ``KeypointMSELoss(use_target_weight=True)``.
    """
    modes = ('min_uncertainty', 'peer', 'weighted')

    def __init__(self,
                 mode: str = 'min_uncertainty',
                 temperature: float = 0.1,
                 loss: Dict = dict(
                     type='KeypointMSELoss', use_target_weight=True)):
        super().__init__()
        if mode not in self.modes:
            raise ValueError(f'UncertaintySelector: mode must be one of '
                             f'{self.modes}, got "{mode}"')
        self.mode = mode
        self.temperature = temperature
        self.loss_module = MODELS.build(loss)

    def select(self, targets: Tensor, keep: Tensor, uncertainty: Tensor,
               student: int) -> Tuple[Tensor, Tensor, Tensor]:
        """Choose targets and their weights.

        Args:
            targets (Tensor): (P, N, K, H, W) pool members' heatmaps.
            keep (Tensor): (P, N, K) bool, members that survived denoising.
            uncertainty (Tensor): (P, N, K), lower is more reliable.
            student (int): index of the learning student in the pool.

        Returns:
            tuple: target heatmaps (N, K, H, W), keypoint weights (N, K) and
            the chosen member per keypoint (N, K), ``-1`` where none is kept
            (for ``'weighted'``: the member of highest weight).
        """
        keep = keep.bool()
        if self.mode == 'peer':
            peer = 1 - student
            choice = torch.full_like(keep[0], peer, dtype=torch.long)
        else:
            masked = uncertainty.masked_fill(~keep, float('inf'))
            choice = masked.argmin(dim=0)
        any_kept = keep.gather(0, choice[None])[0]
        if self.mode == 'weighted':
            logits = (-uncertainty / self.temperature).masked_fill(
                ~keep, float('-inf'))
            weights = torch.softmax(logits, dim=0).nan_to_num(0.0)
            target = (weights[..., None, None] * targets).sum(dim=0)
        else:
            index = choice[None, ..., None, None].expand(1, *targets.shape[1:])
            target = targets.gather(0, index)[0]
        choice = torch.where(any_kept, choice, torch.full_like(choice, -1))
        return target, any_kept.to(targets.dtype), choice

    def forward(self, pred: Tensor, targets: Tensor, keep: Tensor,
                uncertainty: Tensor, student: int) -> Tuple[Tensor, Dict]:
        """Masked heatmap loss of one student against its selected targets.

        Args:
            pred (Tensor): (N, K, H, W) the student's heatmaps of its hard
                view.
            targets (Tensor): (P, N, K, H, W) pool in the hard-view frame.
            keep (Tensor): (P, N, K) bool.
            uncertainty (Tensor): (P, N, K).
            student (int): index of the learning student in the pool.

        Returns:
            tuple: the loss (a scalar that backpropagates into ``pred`` even
            when no keypoint is kept) and statistics: ``kept`` (fraction of
            keypoints with a target) and ``own`` (fraction of the kept ones
            that came from the student's own member).
        """
        target, weight, choice = self.select(targets.detach(), keep,
                                             uncertainty.detach(), student)
        loss = self.loss_module(pred, target, weight)
        kept = weight.mean()
        own = ((choice == student).float().sum() /
               (choice >= 0).float().sum().clamp_min(1.0))
        return loss, dict(kept=kept.detach(), own=own.detach())
