import math
import os.path as osp

import pytest
import torch
from mmengine.runner import Runner

from semipose.engine.hooks import PseudoHeatmapDenoiser

from ..helpers import OURS, small_config


def test_schedule_values():
    hook = PseudoHeatmapDenoiser(threshold=0.4, unsup_weight=2.0,
                                 warmup_iters=10, rampup_iters=20)
    assert hook.weight_at(0) == 0 and hook.weight_at(9) == 0
    assert hook.weight_at(10) == pytest.approx(2 * math.exp(-5))
    assert hook.weight_at(20) == pytest.approx(2 * math.exp(-5 * 0.25))
    assert hook.weight_at(30) == 2.0 and hook.weight_at(1000) == 2.0
    assert PseudoHeatmapDenoiser(unsup_weight=0.5).weight_at(0) == 0.5
    with pytest.raises(ValueError):
        PseudoHeatmapDenoiser(warmup_iters=-1)


def test_threshold_schedule():
    hook = PseudoHeatmapDenoiser(threshold=0.7, final_threshold=0.4,
                                 warmup_iters=10, rampup_iters=20)
    assert hook.threshold_at(0) == 0.7 and hook.threshold_at(10) == 0.7
    assert hook.threshold_at(20) == pytest.approx(0.55)
    assert hook.threshold_at(30) == 0.4 and hook.threshold_at(500) == 0.4
    constant = PseudoHeatmapDenoiser(threshold=0.6, warmup_iters=10,
                                     rampup_iters=20)
    assert {constant.threshold_at(i) for i in (0, 15, 500)} == {0.6}


def denoiser(runner):
    return next(h for h in runner.hooks
                if isinstance(h, PseudoHeatmapDenoiser))


def test_state_survives_save_and_resume(synthetic_root, tmp_path):
    cfg = small_config(OURS, synthetic_root, str(tmp_path), max_iters=3)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1,
                               rampup_iters=0, vis_interval=2)
    runner = Runner.from_cfg(cfg)
    runner.train()
    state = denoiser(runner).running
    assert set(state) == {'kept_per_keypoint', 'uncertainty_per_keypoint'}
    assert state['kept_per_keypoint'].shape == (17, )
    assert denoiser(runner).num_updates == 2  # iteration 0 was warm-up
    # the picture of iteration 2 went through the visualizer
    pictures = [p for p in tmp_path.rglob('pseudo_heatmaps_2.png')]
    assert len(pictures) == 1

    cfg = small_config(OURS, synthetic_root, str(tmp_path), max_iters=3)
    cfg.resume = True
    cfg.load_from = osp.join(str(tmp_path), 'iter_3.pth')
    resumed = Runner.from_cfg(cfg)
    resumed.load_or_resume()
    assert resumed.iter == 3
    assert denoiser(resumed).num_updates == 2
    for key, value in state.items():
        torch.testing.assert_close(denoiser(resumed).running[key], value)


@pytest.mark.parametrize('members', [2, 4])
@pytest.mark.parametrize('dtype', [torch.float32, torch.bfloat16])
def test_picture_of_pseudo_heatmaps_in_any_float_dtype(dtype, members):
    """Maps made under bf16 autocast are drawn too (numpy has no bfloat16):
    one 2x-enlarged tile per stage (2 views, aggregated, each pool member:
    A and B, or A0 A1 B0 B1 for a pool of views, selected), the heat drawn
    where the maps peak."""
    from mmpose.registry import MODELS

    from semipose.engine.hooks.pseudo_heatmap_denoiser import \
        render_pseudo_heatmaps
    from semipose.models.utils import render_gaussians
    preprocessor = MODELS.build(dict(
        type='MultiViewPoseDataPreprocessor', mean=[0., 0., 0.],
        std=[1., 1., 1.]))
    maps = render_gaussians(torch.tensor([[[6.0, 4.0]] * 17]), (12, 16),
                            1.0)[0].to(dtype)  # (17, 16, 12)
    image = torch.zeros(3, 32, 24)
    visuals = dict(image=image, hard_image=image, views=maps[None].repeat(
        2, 1, 1, 1), aggregated=maps, pool=maps[None].repeat(
            members, 1, 1, 1),
        keep=torch.ones(members, 17, dtype=torch.bool), selected=maps)
    picture = render_pseudo_heatmaps(visuals, preprocessor)
    assert picture.shape == (64, (4 + members) * 48, 3)
    # the first tile is hot at the peak (2x of input pixel (12, 8)) only
    assert picture[16, 24].sum() > 0 and picture[60, 4].sum() == 0
