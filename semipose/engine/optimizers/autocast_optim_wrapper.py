"""Mixed precision by ``torch.autocast`` on any device, bf16 by default."""
import functools
import logging
from contextlib import ExitStack, contextmanager
from typing import Iterator, Optional, Union

import torch
from mmengine.logging import print_log
from mmengine.optim import OptimWrapper
from mmpose.models.heads.base_head import BaseHead
from mmpose.registry import OPTIM_WRAPPERS
from torch import nn


def _fp32_outputs(forward):
    """Wrap a head's ``forward`` so that its tensor output is fp32."""

    @functools.wraps(forward)
    def wrapped(*args, **kwargs):
        output = forward(*args, **kwargs)
        if isinstance(output, torch.Tensor):
            return output.float()
        if isinstance(output, (tuple, list)):
            return type(output)(
                o.float() if isinstance(o, torch.Tensor) else o
                for o in output)
        return output

    return wrapped


def cpu_runs_bf16_natively() -> bool:
    """Whether oneDNN has a bf16 path on this CPU (AVX-512 or AMX).

    Without one (e.g. AMD Zen 3, AVX2 only) bf16 convolutions fall back to
    reference kernels: 15 to 20 times slower than fp32 for the benchmark's
    student (``projects/regime_calibration/time_student.py``).
    """
    return torch.ops.mkldnn._is_mkldnn_bf16_supported()


def runs_bf16_natively(device: str) -> bool:
    """Whether ``device`` (a device type) computes bf16 in hardware: a CPU
    with a oneDNN bf16 path, a GPU of compute capability 8.0 or newer (on
    older ones torch emulates bf16); other devices are trusted."""
    if device == 'cpu':
        return cpu_runs_bf16_natively()
    if device == 'cuda':
        return torch.cuda.is_bf16_supported(including_emulation=False)
    return True


@contextmanager
def fp32_head_outputs(model: nn.Module) -> Iterator[None]:
    """Within the context, every mmpose head of ``model`` returns fp32.

    mmpose heads call ``self.forward`` directly in ``loss()`` (so module
    forward hooks never fire there) and compute their accuracy through numpy,
    which has no bfloat16 (``TypeError: Got unsupported ScalarType
    BFloat16``). The ``forward`` of each head is shadowed by an instance
    attribute for the duration of the context, then restored (the class's,
    or one a user had set on the instance).
    """
    heads = [m for m in model.modules() if isinstance(m, BaseHead)]
    # a forward already set on the instance (a user's wrapper) is kept
    shadowed = [head.__dict__.get('forward') for head in heads]
    for head in heads:
        head.forward = _fp32_outputs(head.forward)
    try:
        yield
    finally:
        for head, previous in zip(heads, shadowed):
            if previous is None:
                del head.forward  # the class's forward is visible again
            else:
                head.forward = previous


@OPTIM_WRAPPERS.register_module()
class AutocastOptimWrapper(OptimWrapper):
    """Optimizer wrapper that runs the forward pass under ``torch.autocast``.

    mmengine's ``AmpOptimWrapper`` asserts a CUDA, NPU, MLU or MUSA device
    and scales the loss for fp16. This wrapper autocasts on the device of the
    model's parameters, CPU included (bfloat16 uses the AVX512-BF16 / AMX
    units of recent x86 CPUs), with no loss scaling: bfloat16 has the
    exponent range of fp32. Parameters, gradients, optimizer state and the
    heads' outputs (hence every loss) stay fp32; the backbone and the head's
    layers compute in ``dtype``.

    Use it in a config as
    ``optim_wrapper = dict(type='AutocastOptimWrapper', optimizer=...)``.
    Validation and testing run in fp32 (the wrapper only brackets
    ``train_step``). On a device without native bf16
    (:func:`runs_bf16_natively`: e.g. a CPU with AVX2 only, where bf16 is
    15 to 20 times slower than fp32, or a pre-Ampere GPU) the wrapper
    trains in fp32 instead and logs a warning once.

    Args:
        dtype (str | torch.dtype): autocast dtype. Defaults to
            ``'bfloat16'``.
        **kwargs: the arguments of mmengine's ``OptimWrapper``.
    """

    def __init__(self, dtype: Union[str, torch.dtype] = 'bfloat16', **kwargs):
        super().__init__(**kwargs)
        if isinstance(dtype, str):
            if not isinstance(getattr(torch, dtype, None), torch.dtype):
                raise ValueError(f'AutocastOptimWrapper: dtype must name a '
                                 f'torch dtype such as "bfloat16", got '
                                 f'"{dtype}"')
            dtype = getattr(torch, dtype)
        self.dtype = dtype
        self._autocast_enabled: Optional[bool] = None  # set at first step

    def _autocast_on(self, device: str) -> bool:
        """Whether to autocast on ``device``; decided (and a fallback to
        fp32 logged) at the first step."""
        if self._autocast_enabled is None:
            self._autocast_enabled = (self.dtype != torch.bfloat16
                                      or runs_bf16_natively(device))
            if not self._autocast_enabled:
                print_log(
                    f'AutocastOptimWrapper: this {device} device has no '
                    'native bf16 (a CPU without AVX-512 or AMX for oneDNN, '
                    'a GPU older than compute capability 8.0), where bf16 '
                    'autocast is slower than fp32: training in fp32',
                    logger='current', level=logging.WARNING)
        return self._autocast_enabled

    @contextmanager
    def optim_context(self, model: nn.Module) -> Iterator[None]:
        """Gradient accumulation context of ``OptimWrapper``, plus autocast
        to ``dtype`` with fp32 head outputs (none where the device has no
        native bf16)."""
        device = next(model.parameters()).device.type
        with ExitStack() as stack:
            stack.enter_context(super().optim_context(model))
            if self._autocast_on(device):
                stack.enter_context(fp32_head_outputs(model))
                stack.enter_context(torch.autocast(device, dtype=self.dtype))
            yield
