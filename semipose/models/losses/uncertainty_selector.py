"""Selection of each student's learning target from the pseudo-heatmap pool."""
from typing import Dict, Tuple

import torch
from mmpose.registry import MODELS
from torch import Tensor, nn

from ..utils.heatmap_ops import uncertainty_rank_weights


@MODELS.register_module()
class UncertaintySelector(nn.Module):
    """Pick, per keypoint, a student's target from the pool of pseudo-heatmaps
    and compute the masked heatmap loss.

    The pool holds the same number of members per student (its denoised
    pseudo-heatmaps: one, or one per view), student-major (member p belongs
    to student ``p // (P / 2)``), already expressed in the frame of the
    learning student's hard view.

    Args:
        mode (str): ``'min_uncertainty'`` (default, the paper's rule): the
            kept member with the lowest uncertainty. Measured on the
            synthetic benchmark (70 labels, three seeds, student A, denoised
            pools): with the cross-student uncertainty (the model's
            ``uncertainty='disagreement'``) 25.6 +- 1.1 AP against 24.5 +-
            0.0 for ``'peer'``, with each student's own view std 24.4 +- 0.2
            (docs/benchmarks.md); ``'peer'``: always the
            other student's member (PoseDual's cross supervision);
            ``'weighted'``: the kept members averaged with weights
            ``softmax(-uncertainty / temperature)``;
            ``'stability'``: Dual Student's rule (Ke et al., 2019) per
            keypoint, a member being *stable* when it is kept and its
            uncertainty is at most ``stable_uncertainty``: a student whose
            member is unstable learns from a stable peer, a stable one from
            its own member, and when both are stable the more uncertain one
            learns from the other; ``'one_way'``: the kept member of lower
            uncertainty teaches the other student, and its own student gets
            its own member at ``teacher_weight`` (0: no target). The last
            two need one member per student.
        temperature (float): temperature of ``'weighted'``. Defaults to 0.1.
        stable_uncertainty (float): the stability bound of ``'stability'``.
            Defaults to 0.1.
        teacher_weight (float): the teacher's weight on its own member in
            ``'one_way'``. Defaults to 0.
        weighting (str): loss weight of each selected target: ``'uniform'``
            (default) or ``'uncertainty_rank'``, falling linearly with the
            rank of the selected member's uncertainty among the batch's
            kept targets of the same keypoint type (mean 1, see
            :func:`uncertainty_rank_weights`). A candidate: at ours' final
            checkpoint (70 labels, seed 0) the kept targets in the lower
            half of a type's uncertainty are 72.7 % PCK@0.05 against 64.6 %
            in the upper half, while picking the less uncertain of the two
            students' members (54.7 %) is no better than student A's alone
            (55.4 %). Not with ``'weighted'``.
        loss (dict): config of the heatmap loss, called as
            ``loss(pred, target, weights)``. Defaults to mmpose's
            ``KeypointMSELoss(use_target_weight=True)``.
    """
    modes = ('min_uncertainty', 'peer', 'weighted', 'stability', 'one_way')

    def __init__(self,
                 mode: str = 'min_uncertainty',
                 temperature: float = 0.1,
                 stable_uncertainty: float = 0.1,
                 teacher_weight: float = 0.0,
                 weighting: str = 'uniform',
                 loss: Dict = dict(
                     type='KeypointMSELoss', use_target_weight=True)):
        super().__init__()
        if mode not in self.modes:
            raise ValueError(f'UncertaintySelector: mode must be one of '
                             f'{self.modes}, got "{mode}"')
        if weighting not in ('uniform', 'uncertainty_rank'):
            raise ValueError(f'UncertaintySelector: weighting must be '
                             f'"uniform" or "uncertainty_rank", got '
                             f'"{weighting}"')
        if mode == 'weighted' and weighting != 'uniform':
            raise ValueError('UncertaintySelector: mode "weighted" mixes '
                             'members and takes no "weighting"')
        self.mode = mode
        self.weighting = weighting
        self.temperature = temperature
        self.stable_uncertainty = stable_uncertainty
        self.teacher_weight = teacher_weight
        self.loss_module = MODELS.build(loss)

    def select(self, targets: Tensor, keep: Tensor, uncertainty: Tensor,
               student: int) -> Tuple[Tensor, Tensor, Tensor]:
        """Choose targets and their weights.

        Args:
            targets (Tensor): (P, N, K, H, W) pool members' heatmaps.
            keep (Tensor): (P, N, K) bool, members that survived denoising.
            uncertainty (Tensor): (P, N, K), lower is more reliable.
            student (int): index of the learning student (0 or 1).

        Returns:
            tuple: target heatmaps (N, K, H, W), keypoint weights (N, K) and
            the chosen member per keypoint (N, K), ``-1`` where none is kept
            (for ``'weighted'``: the member of highest weight).
        """
        keep = keep.bool()
        if self.mode == 'weighted':
            logits = (-uncertainty / self.temperature).masked_fill(
                ~keep, float('-inf'))
            weights = torch.softmax(logits, dim=0).nan_to_num(0.0)
            target = (weights[..., None, None] * targets).sum(dim=0)
            any_kept = keep.any(dim=0)
            choice = torch.where(any_kept, weights.argmax(dim=0),
                                 torch.full_like(any_kept, -1,
                                                 dtype=torch.long))
            return target, any_kept.to(targets.dtype), choice
        choice = self._choice(keep, uncertainty, student)
        index = choice.clamp(min=0)[None, ..., None, None].expand(
            1, *targets.shape[1:])
        target = targets.gather(0, index)[0]
        weight = (choice >= 0).to(targets.dtype)
        if self.mode == 'one_way':
            weight = torch.where(choice == student,
                                 weight * self.teacher_weight, weight)
        if self.weighting == 'uncertainty_rank':
            chosen = uncertainty.gather(0, choice.clamp(min=0)[None])[0]
            weight = weight * uncertainty_rank_weights(chosen, weight > 0)
        return target, weight, choice

    def _choice(self, keep: Tensor, uncertainty: Tensor,
                student: int) -> Tensor:
        """(N, K) pool member of each keypoint's target, -1 for none."""
        none = torch.full_like(keep[0], -1, dtype=torch.long)
        if self.mode == 'min_uncertainty':
            masked = uncertainty.masked_fill(~keep, float('inf'))
            choice = masked.argmin(dim=0)
            return torch.where(keep.gather(0, choice[None])[0], choice, none)
        if keep.shape[0] != 2:
            raise ValueError(f'UncertaintySelector: mode "{self.mode}" needs '
                             f'one pool member per student, got '
                             f'{keep.shape[0]}')
        own, peer = student, 1 - student
        if self.mode == 'peer':
            return torch.where(keep[peer], torch.full_like(none, peer), none)
        if self.mode == 'stability':
            stable = keep & (uncertainty <= self.stable_uncertainty)
            learn_from_peer = stable[peer] & (
                ~stable[own] | (uncertainty[own] > uncertainty[peer]))
            return torch.where(
                learn_from_peer, torch.full_like(none, peer),
                torch.where(stable[own], torch.full_like(none, own), none))
        # one_way: the kept member of lower uncertainty teaches
        masked = uncertainty.masked_fill(~keep, float('inf'))
        teacher = masked.argmin(dim=0)
        teaches = keep.gather(0, teacher[None])[0]
        own_target = own if self.teacher_weight > 0 else -1
        return torch.where(
            teaches & (teacher == peer), torch.full_like(none, peer),
            torch.where(teaches, torch.full_like(none, own_target), none))

    def forward(self, pred: Tensor, targets: Tensor, keep: Tensor,
                uncertainty: Tensor, student: int) -> Tuple[Tensor, Dict]:
        """Masked heatmap loss of one student against its selected targets.

        Args:
            pred (Tensor): (N, K, H, W) the student's heatmaps of its hard
                view.
            targets (Tensor): (P, N, K, H, W) pool in the hard-view frame.
            keep (Tensor): (P, N, K) bool.
            uncertainty (Tensor): (P, N, K).
            student (int): index of the learning student (0 or 1).

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
        owner = torch.div(choice, targets.shape[0] // 2, rounding_mode='floor')
        own = (((choice >= 0) & (owner == student)).float().sum() /
               (choice >= 0).float().sum().clamp_min(1.0))
        return loss, dict(kept=kept.detach(), own=own.detach())
