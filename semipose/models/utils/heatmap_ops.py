"""Pure tensor helpers on heatmaps: warp between views, aggregate, peaks,
Gaussian rendering and view uncertainty.

Coordinates follow mmpose's ``MSRAHeatmap``: heatmap pixel ``(i, j)`` holds
the value at coordinate ``(x=j, y=i)`` and an input-image point maps to the
heatmap by a plain scaling ``x * heatmap_w / input_w``.
"""
import functools
from typing import Callable, Tuple

import torch
import torch.nn.functional as F
from torch import Tensor


def exact_geometry(fn: Callable) -> Callable:
    """Run a geometric helper with autocast off on its tensors' device.

    The training step runs under autocast (``AutocastOptimWrapper``), where
    a matrix product computes in bf16: its 8-bit mantissa moves a point near
    x = 40 heatmap pixels by up to 0.25 px, and a warped heatmap's peak by
    0.2 px, in every mapped-back view and every refined target.
    """

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        device = next((a.device.type for a in (*args, *kwargs.values())
                       if isinstance(a, Tensor)), 'cpu')
        with torch.autocast(device, enabled=False):
            return fn(*args, **kwargs)

    return wrapped


def to_homogeneous(matrices: Tensor) -> Tensor:
    """(..., 2, 3) affine matrices to (..., 3, 3)."""
    last = matrices.new_tensor([0., 0., 1.]).expand(*matrices.shape[:-2], 1, 3)
    return torch.cat([matrices, last], dim=-2)


@exact_geometry
def image_to_heatmap_matrices(matrices: Tensor, input_size: Tuple[int, int],
                              heatmap_size: Tuple[int, int]) -> Tensor:
    """Express affine maps between input images as maps between heatmaps.

    Args:
        matrices (Tensor): (..., 2, 3) maps in input-image pixels.
        input_size (tuple): ``(w, h)`` of the input image.
        heatmap_size (tuple): ``(w, h)`` of the heatmap.

    Returns:
        Tensor: (..., 2, 3) maps in heatmap pixels, ``S @ M @ S^-1``.
    """
    sx = heatmap_size[0] / input_size[0]
    sy = heatmap_size[1] / input_size[1]
    scale = matrices.new_tensor([[sx, 0., 0.], [0., sy, 0.], [0., 0., 1.]])
    inv_scale = matrices.new_tensor([[1 / sx, 0., 0.], [0., 1 / sy, 0.],
                                     [0., 0., 1.]])
    return (scale @ to_homogeneous(matrices) @ inv_scale)[..., :2, :]


@exact_geometry
def invert_affine(matrices: Tensor) -> Tensor:
    """Inverse of (..., 2, 3) affine matrices."""
    return torch.linalg.inv(to_homogeneous(matrices))[..., :2, :]


@exact_geometry
def transform_points(points: Tensor, matrices: Tensor) -> Tensor:
    """Apply (N, 2, 3) affine maps to points (N, K, 2)."""
    linear, offset = matrices[:, :, :2], matrices[:, None, :, 2]
    return points @ linear.transpose(1, 2) + offset


@exact_geometry
def warp_heatmaps(heatmaps: Tensor, matrices: Tensor) -> Tensor:
    """Warp heatmaps by affine maps (bilinear; zeros outside the source).

    Args:
        heatmaps (Tensor): (N, K, H, W) source heatmaps.
        matrices (Tensor): (N, 2, 3) maps from source to target heatmap
            pixel coordinates.

    Returns:
        Tensor: (N, K, H, W) heatmaps in the target frame.
    """
    n, _, h, w = heatmaps.shape
    inv = to_homogeneous(invert_affine(matrices.to(heatmaps)))
    # grid_sample wants, for each target pixel, the normalised source
    # coordinate; with align_corners=True pixel centres sit at -1 ... 1.
    norm = heatmaps.new_tensor([[2 / (w - 1), 0., -1.], [0., 2 / (h - 1), -1.],
                                [0., 0., 1.]])
    theta = (norm @ inv @ torch.linalg.inv(norm))[:, :2, :]
    grid = F.affine_grid(theta, [n, 1, h, w], align_corners=True)
    return F.grid_sample(heatmaps, grid, mode='bilinear',
                         padding_mode='zeros', align_corners=True)


def aggregate_heatmaps(heatmaps: Tensor, mode: str = 'max') -> Tensor:
    """Pixel-wise aggregation over views.

    Args:
        heatmaps (Tensor): (V, N, K, H, W) heatmaps of V views in one frame.
        mode (str): ``'max'``, ``'mean'`` or ``'first'`` (the first view
            alone: no multi-view denoising, for ablations).

    Returns:
        Tensor: (N, K, H, W).
    """
    if mode == 'first':
        return heatmaps[0]
    if mode == 'max':
        return heatmaps.amax(dim=0)
    if mode == 'mean':
        return heatmaps.mean(dim=0)
    raise ValueError(
        f'aggregation must be "max", "mean" or "first", got "{mode}"')


def view_uncertainty(heatmaps: Tensor) -> Tensor:
    """Maximum over pixels of the pixel-wise standard deviation over views.

    Args:
        heatmaps (Tensor): (V, N, K, H, W).

    Returns:
        Tensor: (N, K); zero for a single view.
    """
    if heatmaps.shape[0] < 2:
        return heatmaps.new_zeros(heatmaps.shape[1:3])
    # E[x^2] - E[x]^2 and one sqrt per keypoint (sqrt is monotone): several
    # times cheaper than Tensor.std on the full maps
    mean = heatmaps.mean(dim=0)
    var = (heatmaps * heatmaps).mean(dim=0) - mean * mean
    return var.flatten(2).amax(dim=2).clamp_min(0).sqrt()


def uncertainty_rank_weights(uncertainty: Tensor, kept: Tensor) -> Tensor:
    """Loss weights of kept targets falling linearly with their uncertainty
    rank among the batch's kept targets of the same keypoint type.

    Ranked per keypoint type because types differ in difficulty: a pooled
    ranking would starve the hard joints. The weights of each type average 1
    over its kept targets, so the loss keeps the scale of uniform weights.

    Args:
        uncertainty (Tensor): (N, K), lower is more reliable.
        kept (Tensor): (N, K) bool.

    Returns:
        Tensor: (N, K) weights, ``2 * (1 - (rank + 0.5) / n)`` for the
        ``rank``-th least uncertain of the ``n`` kept targets of a type, 0
        where not kept.
    """
    masked = uncertainty.masked_fill(~kept, float('inf'))
    rank = masked.argsort(dim=0).argsort(dim=0).to(uncertainty.dtype)
    num_kept = kept.sum(dim=0, keepdim=True).clamp_min(1).to(rank.dtype)
    weights = 2 * (1 - (rank + 0.5) / num_kept)
    return torch.where(kept, weights, torch.zeros_like(weights))


def heatmap_peaks(heatmaps: Tensor) -> Tuple[Tensor, Tensor]:
    """Peak value and sub-pixel peak location of each heatmap.

    The location is refined by a parabola through the log-values of the
    maximum and its neighbours, exact for a Gaussian peak.

    Args:
        heatmaps (Tensor): (N, K, H, W).

    Returns:
        tuple: values (N, K) and coordinates (N, K, 2) as ``(x, y)``.
    """
    w, h = heatmaps.shape[3], heatmaps.shape[2]
    values, index = heatmaps.flatten(2).max(dim=2)
    x, y = index % w, torch.div(index, w, rounding_mode='floor')
    log = heatmaps.clamp_min(1e-10).log().flatten(2)

    def log_at(xx: Tensor, yy: Tensor) -> Tensor:
        return log.gather(2, (yy * w + xx).unsqueeze(-1)).squeeze(-1)

    def vertex(lo: Tensor, mid: Tensor, hi: Tensor, inner: Tensor) -> Tensor:
        curvature = lo - 2 * mid + hi
        ok = inner & (curvature < 0)
        delta = 0.5 * (lo - hi) / torch.where(
            ok, curvature, -torch.ones_like(curvature))
        return torch.where(ok, delta.clamp(-0.5, 0.5), torch.zeros_like(delta))

    xi, yi = x.clamp(1, w - 2), y.clamp(1, h - 2)
    dx = vertex(log_at(xi - 1, y), log_at(xi, y), log_at(xi + 1, y),
                (x > 0) & (x < w - 1))
    dy = vertex(log_at(x, yi - 1), log_at(x, yi), log_at(x, yi + 1),
                (y > 0) & (y < h - 1))
    coords = torch.stack([x + dx, y + dy], dim=-1).to(heatmaps.dtype)
    return values, coords


def render_gaussians(coords: Tensor, heatmap_size: Tuple[int, int],
                     sigma: float) -> Tensor:
    """Unnormalised Gaussians (peak 1) at sub-pixel locations, as
    ``MSRAHeatmap(unbiased=True)`` draws them.

    Args:
        coords (Tensor): (N, K, 2) locations ``(x, y)`` in heatmap pixels.
        heatmap_size (tuple): ``(w, h)``.
        sigma (float): standard deviation in heatmap pixels.

    Returns:
        Tensor: (N, K, h, w).
    """
    w, h = heatmap_size
    xs = torch.arange(w, device=coords.device, dtype=coords.dtype)
    ys = torch.arange(h, device=coords.device, dtype=coords.dtype)
    gx = torch.exp(-(xs - coords[..., 0:1])**2 / (2 * sigma**2))
    gy = torch.exp(-(ys - coords[..., 1:2])**2 / (2 * sigma**2))
    return gy[..., :, None] * gx[..., None, :]


def threshold_and_refine(values: Tensor, coords: Tensor,
                         heatmap_size: Tuple[int, int], threshold: float,
                         sigma: float,
                         to_target: Tensor,
                         unit_height: bool = False) -> Tuple[Tensor, Tensor]:
    """Denoise pseudo-heatmaps, given their peaks (:func:`heatmap_peaks`):
    drop weak keypoints, re-render the others.

    A keypoint whose peak value is below ``threshold`` is dropped; the
    others become clean Gaussians of ``sigma`` at their sub-pixel peak,
    rendered directly in a target frame (the peak moved by ``to_target``, so
    targets are never interpolated). Keypoints that leave the target frame
    are dropped too. A refined Gaussian keeps the peak value of the map it
    replaces: the shape is denoised, the confidence is not inflated, so a
    wrong but weak pseudo-keypoint pulls less than a strong one (with peaks
    of 1, the students learn their own errors as if they were ground
    truth). ``unit_height`` renders every kept Gaussian with height 1, as a
    labeled keypoint's target.

    Args:
        values (Tensor): (N, K) peak values of the aggregated heatmaps.
        coords (Tensor): (N, K, 2) their sub-pixel peak locations.
        heatmap_size (tuple): ``(w, h)`` of the heatmaps and the target.
        threshold (float): minimal peak value tau.
        sigma (float): Gaussian sigma in heatmap pixels.
        to_target (Tensor): (N, 2, 3) heatmap-pixel map into the target
            frame (of the same size).
        unit_height (bool): height 1 instead of the peak value.

    Returns:
        tuple: refined heatmaps (N, K, h, w) in the target frame and the
        keep mask (N, K) bool.
    """
    w, h = heatmap_size
    moved = transform_points(coords, to_target)
    inside = ((moved >= 0) & (moved <= moved.new_tensor([w - 1, h - 1]))).all(
        dim=-1)
    keep = (values >= threshold) & inside
    refined = render_gaussians(moved, (w, h), sigma)
    if not unit_height:
        refined = refined * values[..., None, None]
    return refined, keep
