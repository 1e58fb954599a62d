"""The denoising policy of dual-student training, between iterations."""
import math
from typing import Dict, Optional

import cv2
import numpy as np
import torch
from mmengine.dist import all_reduce
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmpose.registry import HOOKS

CHECKPOINT_KEY = 'pseudo_heatmap_denoiser'


@HOOKS.register_module()
class PseudoHeatmapDenoiser(Hook):
    """Own the pseudo-heatmap policy of :class:`DualStudentPoseEstimator`.

    Before each training iteration it sets on the model the keypoint
    threshold tau and the unlabeled-loss weight: zero during ``warmup_iters``
    (supervised loss only, the unlabeled branch is skipped), then ramped up
    over ``rampup_iters`` with the sigmoid-shaped schedule
    ``exp(-5 (1 - t)^2)`` of Laine & Aila used by PoseDual, then
    ``unsup_weight``. After each iteration it moves the model's EMA
    teachers, if any (``DualStudentPoseEstimator.update_teachers``), and
    updates running per-keypoint
    statistics (fraction kept, uncertainty; averaged over ranks; saved in and
    restored from checkpoints), logs them, and every ``vis_interval``
    iterations writes a picture of one unlabeled sample (pseudo-label views
    mapped back, aggregated map, denoised pool, selected target on the hard
    view) through the runner's visualizer (local files, TensorBoard when its
    backend is configured).

    The tensor work runs inside the model's ``loss()``: mmengine hooks only
    bracket ``train_step``.

    Args:
        threshold (float): tau on aggregated peak values. Defaults to 0.5.
        final_threshold (float, optional): when set, tau moves linearly
            from ``threshold`` at the end of the warm-up to this value at
            the end of the ramp, then stays. None (default): constant tau.
        unsup_weight (float): lambda after the ramp. Defaults to 1.0.
        warmup_iters (int): supervised-only iterations. Defaults to 0.
        rampup_iters (int): ramp length after the warm-up. Defaults to 0.
        momentum (float): of the running statistics. Defaults to 0.9.
        vis_interval (int): iterations between pictures, 0 for none.
            Defaults to 0.
    """
    priority = 'NORMAL'

    def __init__(self,
                 threshold: float = 0.5,
                 final_threshold: Optional[float] = None,
                 unsup_weight: float = 1.0,
                 warmup_iters: int = 0,
                 rampup_iters: int = 0,
                 momentum: float = 0.9,
                 vis_interval: int = 0):
        if warmup_iters < 0 or rampup_iters < 0:
            raise ValueError('PseudoHeatmapDenoiser: warmup_iters and '
                             'rampup_iters must be >= 0')
        self.threshold = threshold
        self.final_threshold = final_threshold
        self.unsup_weight = unsup_weight
        self.warmup_iters = warmup_iters
        self.rampup_iters = rampup_iters
        self.momentum = momentum
        self.vis_interval = vis_interval
        self.running: Dict[str, torch.Tensor] = {}
        self.num_updates = 0

    def weight_at(self, iteration: int) -> float:
        """Unlabeled-loss weight at a 0-based iteration."""
        if iteration < self.warmup_iters:
            return 0.0
        if self.rampup_iters == 0:
            return self.unsup_weight
        t = min((iteration - self.warmup_iters) / self.rampup_iters, 1.0)
        return self.unsup_weight * math.exp(-5.0 * (1.0 - t)**2)

    def threshold_at(self, iteration: int) -> float:
        """Keypoint threshold tau at a 0-based iteration."""
        if self.final_threshold is None or iteration <= self.warmup_iters:
            return self.threshold
        if iteration >= self.warmup_iters + self.rampup_iters:
            return self.final_threshold
        t = (iteration - self.warmup_iters) / self.rampup_iters
        return self.threshold + t * (self.final_threshold - self.threshold)

    @staticmethod
    def _model(runner):
        model = runner.model
        return model.module if is_model_wrapper(model) else model

    def before_train_iter(self, runner, batch_idx: int,
                          data_batch: Optional[dict] = None) -> None:
        model = self._model(runner)
        model.threshold = self.threshold_at(runner.iter)
        model.unsup_weight = self.weight_at(runner.iter)
        model.capture_visuals = (self.vis_interval > 0 and
                                 (runner.iter + 1) % self.vis_interval == 0)

    def after_train_iter(self, runner, batch_idx: int,
                         data_batch: Optional[dict] = None,
                         outputs: Optional[dict] = None) -> None:
        model = self._model(runner)
        model.update_teachers()
        runner.message_hub.update_scalar('train/unsup_weight',
                                         model.unsup_weight)
        runner.message_hub.update_scalar('train/threshold', model.threshold)
        stats, model.pseudo_stats = model.pseudo_stats, {}
        if stats:
            for key, value in stats.items():
                value = value.detach().float().clone()
                all_reduce(value, op='mean')
                old = self.running.get(key)
                self.running[key] = (value.cpu() if old is None else
                                     self.momentum * old +
                                     (1 - self.momentum) * value.cpu())
            self.num_updates += 1
            runner.message_hub.update_scalar(
                'train/running_kept',
                float(self.running['kept_per_keypoint'].mean()))
        visuals, model.pseudo_visuals = model.pseudo_visuals, {}
        model.capture_visuals = False
        if visuals and runner.rank == 0:
            picture = render_pseudo_heatmaps(visuals,
                                             model.data_preprocessor)
            runner.visualizer.add_image('pseudo_heatmaps', picture,
                                        step=runner.iter + 1)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint[CHECKPOINT_KEY] = dict(
            running={k: v.clone() for k, v in self.running.items()},
            num_updates=self.num_updates)

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get(CHECKPOINT_KEY)
        if state is not None:
            self.running = {k: v.clone() for k, v in state['running'].items()}
            self.num_updates = state['num_updates']


def _to_image(tensor: torch.Tensor, preprocessor) -> np.ndarray:
    """Undo the preprocessor's normalisation: (C, H, W) -> (H, W, 3) RGB."""
    mean = preprocessor.mean.to(tensor.device).view(-1, 1, 1)
    std = preprocessor.std.to(tensor.device).view(-1, 1, 1)
    image = (tensor * std + mean).clamp(0, 255).byte().permute(1, 2, 0)
    image = image.cpu().numpy()
    # the preprocessor converted BGR to RGB when asked to; show RGB
    return image if preprocessor._channel_conversion else image[..., ::-1]


def _overlay(image: np.ndarray, heatmaps: torch.Tensor) -> np.ndarray:
    """Max over keypoints of (K, h, w) heatmaps, scaled to its own peak,
    coloured, on the image; the colour's opacity follows the heat, so zero
    heat leaves the image (the peak value goes into the tile's label)."""
    # float(): numpy has no bfloat16 (maps made under autocast)
    heat = heatmaps.amax(dim=0).clamp(min=0).float().cpu().numpy()
    heat = cv2.resize(heat / max(float(heat.max()), 1e-6),
                      (image.shape[1], image.shape[0]))
    colored = cv2.applyColorMap((heat * 255).astype(np.uint8),
                                cv2.COLORMAP_JET)[..., ::-1]
    alpha = 0.8 * heat[..., None]
    return (image * (1 - alpha) + colored * alpha).astype(np.uint8)


def render_pseudo_heatmaps(visuals: Dict[str, torch.Tensor],
                           preprocessor) -> np.ndarray:
    """One tile per stage, side by side: views mapped back, aggregated, pool
    (student A's members, then B's, kept keypoints only) and the target
    selected for student A on its hard view.

    Returns:
        np.ndarray: an RGB picture (H, W, 3).
    """
    easy = _to_image(visuals['image'], preprocessor)
    hard = _to_image(visuals['hard_image'], preprocessor)
    keep = visuals['keep'][..., None, None].to(visuals['pool'])
    # (name, heatmaps, the image they live on): the pool is in the hard view
    stages = [(f'view {i}', v, easy) for i, v in enumerate(visuals['views'])]
    stages.append(('aggregated', visuals['aggregated'], easy))
    members = visuals['pool'] * keep
    per_student = len(members) // 2
    names = ('AB' if per_student == 1 else
             [f'{s}{v}' for s in 'AB' for v in range(per_student)])
    stages += [(f'pool {name}', p, hard) for name, p in zip(names, members)]
    stages.append(('selected A', visuals['selected'], hard))
    tiles = [_overlay(image, maps) for _, maps, image in stages]
    labels = [f'{name} {float(maps.max()):.2f}' for name, maps, _ in stages]
    out = []
    for tile, label in zip(tiles, labels):
        tile = cv2.resize(tile, (tile.shape[1] * 2, tile.shape[0] * 2),
                          interpolation=cv2.INTER_NEAREST)
        cv2.putText(tile, label, (2, 12), cv2.FONT_HERSHEY_SIMPLEX, 0.4,
                    (255, 255, 255), 1, cv2.LINE_AA)
        out.append(tile)
    return np.concatenate(out, axis=1)
