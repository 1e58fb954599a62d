import math

import numpy as np
import pytest
import torch
from mmpose.codecs import MSRAHeatmap
from mmpose.models.utils.tta import flip_heatmaps

from semipose.models.utils import (aggregate_heatmaps, heatmap_peaks,
                                   image_to_heatmap_matrices, invert_affine,
                                   render_gaussians, transform_points,
                                   view_uncertainty, warp_heatmaps)

HEATMAP_SIZE = (48, 64)  # (w, h)


def rotation(deg, scale=1.0, center=(23.5, 31.5), shift=(0., 0.)):
    a = math.radians(deg)
    c, s = math.cos(a) * scale, math.sin(a) * scale
    cx, cy = center
    return torch.tensor([[c, -s, cx - c * cx + s * cy + shift[0]],
                         [s, c, cy - s * cx - c * cy + shift[1]]])


def test_render_gaussian_decodes_to_subpixel_location():
    coords = torch.tensor([[[10.3, 20.7], [30.62, 41.15], [24.0, 33.5]]])
    heatmaps = render_gaussians(coords, HEATMAP_SIZE, sigma=2.0)
    assert heatmaps.shape == (1, 3, 64, 48)
    codec = MSRAHeatmap(input_size=(192, 256), heatmap_size=HEATMAP_SIZE,
                        sigma=2, unbiased=True, blur_kernel_size=11)
    keypoints, _ = codec.decode(heatmaps[0].numpy())
    # decode returns input-image coordinates (4x the heatmap)
    np.testing.assert_allclose(keypoints[0] / 4, coords[0].numpy(), atol=0.1)


def test_heatmap_peaks_are_subpixel_exact_for_gaussians():
    coords = torch.tensor([[[10.3, 20.7], [30.62, 41.15]]])
    values, peaks = heatmap_peaks(render_gaussians(coords, HEATMAP_SIZE, 2.0))
    torch.testing.assert_close(peaks, coords, atol=1e-3, rtol=0)
    assert (values > 0.9).all()


@pytest.mark.parametrize('deg,scale', [(0, 1.0), (30, 1.0), (-45, 1.2),
                                       (90, 0.8)])
def test_warp_then_inverse_returns_every_peak(deg, scale):
    coords = torch.tensor([[[20.2, 30.6], [26.7, 25.1], [18.0, 40.3]]])
    heatmaps = render_gaussians(coords, HEATMAP_SIZE, 2.0)
    matrix = rotation(deg, scale, shift=(1.5, -2.0))[None]
    warped = warp_heatmaps(heatmaps, matrix)
    # the warped peak lands where the matrix sends the point
    _, warped_peaks = heatmap_peaks(warped)
    assert (warped_peaks - transform_points(coords, matrix)).norm(
        dim=-1).max() < 0.5
    back = warp_heatmaps(warped, invert_affine(matrix))
    _, back_peaks = heatmap_peaks(back)
    assert (back_peaks - coords).norm(dim=-1).max() < 0.5


def test_geometry_is_exact_under_bf16_autocast():
    """The training step runs under bf16 autocast, where a plain matrix
    product would move a warped peak by about 0.2 px and a transformed
    point by up to 0.25 px; the helpers must give the fp32 results."""
    coords = torch.tensor([[[20.2, 30.6], [26.7, 25.1], [38.0, 40.3]]])
    heatmaps = render_gaussians(coords, HEATMAP_SIZE, 2.0)
    matrix = rotation(28.6, 1.1, shift=(20.3, -5.7))[None]
    images = torch.tensor([[[0.9, -0.4, 30.3], [0.4, 0.9, -7.1]]])

    def geometry():
        return (warp_heatmaps(heatmaps, matrix),
                transform_points(coords, matrix), invert_affine(matrix),
                image_to_heatmap_matrices(images, (96, 128), HEATMAP_SIZE))

    expected = geometry()
    with torch.autocast('cpu', dtype=torch.bfloat16):
        under_autocast = geometry()
    for value, reference in zip(under_autocast, expected):
        assert value.dtype == torch.float32
        torch.testing.assert_close(value, reference, atol=1e-5, rtol=0)


def test_flip_back_swaps_left_and_right_channels():
    # channel 0 = a left joint at x=10, channel 1 = its right twin at x=30
    coords = torch.tensor([[[10.0, 20.0], [30.0, 22.0]]])
    heatmaps = render_gaussians(coords, HEATMAP_SIZE, 2.0)
    w = HEATMAP_SIZE[0]
    flip = torch.tensor([[[-1., 0., w - 1.], [0., 1., 0.]]])
    flipped_view = warp_heatmaps(heatmaps, flip)  # what a flipped view sees
    mapped_back = warp_heatmaps(flipped_view, flip)[:, [1, 0]]
    _, peaks = heatmap_peaks(mapped_back)
    # spatially back in place, channels swapped: channel 0 holds the
    # right joint's peak location mirrored back, i.e. x = 30
    torch.testing.assert_close(peaks[0, 0], torch.tensor([30.0, 22.0]),
                               atol=1e-3, rtol=0)
    # consistent with mmpose's flip_heatmaps (same pixel convention)
    ref = flip_heatmaps(flipped_view, flip_indices=[1, 0],
                        flip_mode='heatmap', shift_heatmap=False)
    torch.testing.assert_close(mapped_back, ref, atol=1e-5, rtol=0)


def test_image_to_heatmap_matrices_scales_translations():
    matrix = torch.tensor([[[1., 0., 8.], [0., 1., -4.]]])
    hm = image_to_heatmap_matrices(matrix, (192, 256), (48, 64))
    torch.testing.assert_close(hm, torch.tensor([[[1., 0., 2.],
                                                  [0., 1., -1.]]]))


def test_aggregation_on_hand_made_maps():
    a = torch.zeros(1, 1, 2, 2)
    b = torch.zeros(1, 1, 2, 2)
    a[0, 0, 0, 0], a[0, 0, 1, 1] = 1.0, 0.2
    b[0, 0, 0, 0], b[0, 0, 1, 1] = 0.4, 0.6
    views = torch.stack([a, b])
    torch.testing.assert_close(
        aggregate_heatmaps(views, 'max')[0, 0],
        torch.tensor([[1.0, 0.0], [0.0, 0.6]]))
    torch.testing.assert_close(
        aggregate_heatmaps(views, 'mean')[0, 0],
        torch.tensor([[0.7, 0.0], [0.0, 0.4]]))
    with pytest.raises(ValueError, match='max'):
        aggregate_heatmaps(views, 'median')


def test_view_uncertainty_is_max_pixelwise_std():
    a = torch.zeros(1, 1, 2, 2)
    b = torch.zeros(1, 1, 2, 2)
    a[0, 0, 0, 0], b[0, 0, 0, 0] = 1.0, 0.0  # std 0.5
    a[0, 0, 1, 1], b[0, 0, 1, 1] = 0.3, 0.1  # std 0.1
    unc = view_uncertainty(torch.stack([a, b]))
    torch.testing.assert_close(unc, torch.tensor([[0.5]]))
    assert view_uncertainty(a[None]).item() == 0.0


def test_threshold_and_refine_drops_weak_and_rerenders_strong_maps():
    from semipose.models.utils import threshold_and_refine
    weak = 0.3 * render_gaussians(torch.tensor([[[12.0, 20.0]]]),
                                  HEATMAP_SIZE, 2.0)
    # a broad, noisy blob peaking at (30.4, 41.2) with value 0.8
    strong = 0.8 * render_gaussians(torch.tensor([[[30.4, 41.2]]]),
                                    HEATMAP_SIZE, 4.0)
    heatmaps = torch.cat([weak, strong], dim=1)
    identity = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    values, coords = heatmap_peaks(heatmaps)
    refined, keep = threshold_and_refine(values, coords, HEATMAP_SIZE, 0.5,
                                         2.0, identity)
    assert keep.tolist() == [[False, True]]
    clean = render_gaussians(torch.tensor([[[30.4, 41.2]]]), HEATMAP_SIZE, 2.)
    # sigma of the codec, peak value of the replaced map (its largest pixel)
    torch.testing.assert_close(refined[:, 1:], heatmaps[0, 1].max() * clean,
                               atol=1e-5, rtol=0)
    torch.testing.assert_close(coords[0, 1], torch.tensor([30.4, 41.2]),
                               atol=1e-3, rtol=0)
    # with unit height: the same clean Gaussian, peaking at 1 like a label's
    unit, unit_keep = threshold_and_refine(values, coords, HEATMAP_SIZE, 0.5,
                                           2.0, identity, unit_height=True)
    assert unit_keep.tolist() == [[False, True]]
    torch.testing.assert_close(unit[:, 1:], clean, atol=1e-5, rtol=0)
    # moved into another frame: rendered at the moved peak; a peak that
    # leaves the frame is dropped
    shift = torch.tensor([[[1., 0., 5.], [0., 1., -2.]]])
    refined, keep = threshold_and_refine(values, coords, HEATMAP_SIZE, 0.2,
                                         2.0, shift)
    assert keep.tolist() == [[True, True]]
    _, peaks = heatmap_peaks(refined)
    torch.testing.assert_close(peaks[0, 1], torch.tensor([35.4, 39.2]),
                               atol=1e-3, rtol=0)
    away = torch.tensor([[[1., 0., 20.], [0., 1., 0.]]])  # x: 32, 50.4
    _, keep = threshold_and_refine(values, coords, HEATMAP_SIZE, 0.2, 2.0,
                                   away)
    assert keep.tolist() == [[True, False]]


def test_joint_cutout_hides_squares_around_chosen_joints():
    from semipose.models.utils.joint_cutout import cut_out_joints
    images = torch.ones(2, 3, 40, 30)
    joints = torch.tensor([[[5., 5.], [20., 30.]], [[15., 20.], [15., 20.]]])
    torch.manual_seed(0)
    out = cut_out_joints(images, joints, num_joints=2, size=0.2)  # 6 px
    # every joint's 7x7 square (|d| <= 3) is zero in all channels
    assert out[0, :, 2:9, 2:9].eq(0).all()
    assert out[0, :, 27:34, 17:24].eq(0).all()
    assert out[0].eq(0).sum() == 3 * 2 * 49
    assert out[1].eq(0).sum() == 3 * 49  # the same joint twice
    assert images.eq(1).all()  # the input is not modified
    one = cut_out_joints(images, joints, num_joints=1, size=0.2)
    assert one[0].eq(0).sum() == 3 * 49
