"""Joint Cutout (Xie et al., ICCV 2021): hide image squares around joints."""
import torch
from torch import Tensor


def cut_out_joints(images: Tensor, joints: Tensor, num_joints: int,
                   size: float) -> Tensor:
    """Fill squares centred on randomly chosen joints with zeros (the mean
    colour after normalisation).

    Args:
        images (Tensor): (N, C, H, W) normalised images.
        joints (Tensor): (N, K, 2) joint locations ``(x, y)`` in pixels,
            e.g. the peer student's predictions moved into these images.
        num_joints (int): squares per image (joints drawn without
            replacement, uniformly, with torch's generator).
        size (float): side of a square as a fraction of the image width.

    Returns:
        Tensor: a copy of ``images`` with the squares cut out.
    """
    n, _, h, w = images.shape
    half = size * w / 2
    chosen = torch.rand(n, joints.shape[1],
                        device=images.device).argsort(dim=1)[:, :num_joints]
    centres = joints.gather(1, chosen[..., None].expand(-1, -1, 2))
    xs = torch.arange(w, device=images.device, dtype=images.dtype)
    ys = torch.arange(h, device=images.device, dtype=images.dtype)
    inside_x = (xs - centres[..., 0:1]).abs() <= half  # (N, J, W)
    inside_y = (ys - centres[..., 1:2]).abs() <= half  # (N, J, H)
    mask = (inside_y[..., :, None] & inside_x[..., None, :]).any(dim=1)
    return images.masked_fill(mask[:, None], 0.0)
