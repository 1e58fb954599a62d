"""bf16 autocast on the CPU through ``AutocastOptimWrapper``."""
import copy

import pytest
import torch
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpose.registry import MODELS
from mmengine.structures import InstanceData, PixelData
from mmpose.structures import PoseDataSample

from semipose.engine import AutocastOptimWrapper, fp32_head_outputs
from semipose.engine.optimizers import autocast_optim_wrapper

from ..helpers import SUPERVISED


def _cpu_bf16(monkeypatch, native: bool) -> None:
    """Make the wrapper see a CPU with (or without) a native bf16 path, so
    that both branches run on any host (bf16 itself runs everywhere, only
    slowly without one)."""
    monkeypatch.setattr(autocast_optim_wrapper, 'cpu_runs_bf16_natively',
                        lambda: native)


def _record_output_dtypes(model) -> dict:
    """Output dtypes of the backbone and the head's final layer, filled in
    by forward hooks as the model runs."""
    dtypes = {}

    def record(name):
        def hook(module, inputs, output):
            output = output[-1] if isinstance(output, tuple) else output
            dtypes[name] = output.dtype
        return hook

    model.backbone.register_forward_hook(record('backbone'))
    model.head.final_layer.register_forward_hook(record('final_layer'))
    return dtypes


def _model_and_batch(batch_size: int = 4):
    cfg = Config.fromfile(SUPERVISED)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    w, h = cfg.codec.input_size
    hw, hh = cfg.codec.heatmap_size
    samples = []
    for i in range(batch_size):
        sample = PoseDataSample(metainfo=dict(input_size=(w, h)))
        # one keypoint per channel at a known heatmap pixel, all visible
        target = torch.zeros(17, hh, hw)
        target[:, 10 + i, 8] = 1.0
        sample.gt_fields = PixelData(heatmaps=target)
        sample.gt_instances = InstanceData(
            keypoints=torch.zeros(1, 17, 2).numpy(),
            keypoints_visible=torch.ones(1, 17).numpy())
        sample.gt_instance_labels = InstanceData(
            keypoint_weights=torch.ones(1, 17))
        samples.append(sample)
    inputs = torch.randint(0, 256, (batch_size, 3, h, w), dtype=torch.uint8)
    return model, dict(inputs=list(inputs), data_samples=samples)


def test_forward_runs_in_bf16_with_fp32_head_outputs_and_params(
        monkeypatch):
    _cpu_bf16(monkeypatch, native=True)
    model, batch = _model_and_batch()
    wrapper = build_optim_wrapper(model, dict(
        type='AutocastOptimWrapper', optimizer=dict(type='Adam', lr=1e-3)))
    assert isinstance(wrapper, AutocastOptimWrapper)
    dtypes = _record_output_dtypes(model)
    log_vars = model.train_step(batch, wrapper)
    assert dtypes == dict(backbone=torch.bfloat16,
                          final_layer=torch.bfloat16)
    assert torch.isfinite(log_vars['loss'])
    # the head's accuracy went through numpy: it needed fp32 outputs
    assert 0.0 <= float(log_vars['acc_pose']) <= 1.0
    assert all(p.dtype == torch.float32 for p in model.parameters())
    assert all(p.grad is None or p.grad.dtype == torch.float32
               for p in model.parameters())
    # the class's forward is back once the context has closed
    assert 'forward' not in vars(model.head)
    with torch.no_grad():
        assert model.head.forward(
            model.extract_feat(torch.zeros(1, 3, 128, 96))).dtype == \
            torch.float32


def test_bf16_loss_and_gradient_match_fp32(monkeypatch):
    _cpu_bf16(monkeypatch, native=True)
    model, batch = _model_and_batch()
    model_fp32 = copy.deepcopy(model)
    results = {}
    for name, net, wrapper_cfg in (
            ('fp32', model_fp32, dict(type='OptimWrapper')),
            ('bf16', model, dict(type='AutocastOptimWrapper'))):
        wrapper = build_optim_wrapper(net, dict(
            wrapper_cfg, optimizer=dict(type='SGD', lr=0.0)))
        with wrapper.optim_context(net):
            data = net.data_preprocessor(batch, True)
            losses = net(**data, mode='loss')
        loss, _ = net.parse_losses(losses)
        loss.backward()
        results[name] = (loss.item(),
                         net.head.final_layer.weight.grad.clone())
    loss32, grad32 = results['fp32']
    loss16, grad16 = results['bf16']
    assert loss16 == pytest.approx(loss32, rel=0.02)
    cosine = torch.nn.functional.cosine_similarity(
        grad16.flatten(), grad32.flatten(), dim=0)
    assert cosine > 0.99


def test_a_cpu_without_native_bf16_trains_in_fp32_and_says_so_once(
        monkeypatch):
    _cpu_bf16(monkeypatch, native=False)
    model, batch = _model_and_batch()
    wrapper = build_optim_wrapper(model, dict(
        type='AutocastOptimWrapper', optimizer=dict(type='Adam', lr=1e-3)))
    dtypes = _record_output_dtypes(model)
    warnings = []
    monkeypatch.setattr(autocast_optim_wrapper, 'print_log',
                        lambda msg, **kwargs: warnings.append(msg))
    for _ in range(2):
        log_vars = model.train_step(batch, wrapper)
    assert dtypes == dict(backbone=torch.float32, final_layer=torch.float32)
    assert torch.isfinite(log_vars['loss'])
    assert len(warnings) == 1 and 'training in fp32' in warnings[0]
    assert 'forward' not in vars(model.head)


def test_a_gpu_that_only_emulates_bf16_trains_in_fp32(monkeypatch):
    # a pre-Ampere GPU: bf16 tensors work (emulated), no bf16 hardware
    monkeypatch.setattr(torch.cuda, 'is_bf16_supported',
                        lambda including_emulation=True: including_emulation)
    assert not autocast_optim_wrapper.runs_bf16_natively('cuda')
    model, _ = _model_and_batch()
    monkeypatch.setattr(autocast_optim_wrapper, 'print_log',
                        lambda msg, **kwargs: None)
    wrappers = {dtype: build_optim_wrapper(model, dict(
        type='AutocastOptimWrapper', dtype=dtype,
        optimizer=dict(type='Adam', lr=1e-3)))
        for dtype in ('bfloat16', 'float16')}
    assert not wrappers['bfloat16']._autocast_on('cuda')
    assert wrappers['float16']._autocast_on('cuda')  # fp16 is not checked


def test_fp32_head_outputs_restores_forward_after_an_error():
    model, _ = _model_and_batch()
    with pytest.raises(RuntimeError, match='inside'):
        with fp32_head_outputs(model):
            assert 'forward' in vars(model.head)
            raise RuntimeError('inside')
    assert 'forward' not in vars(model.head)


def test_a_forward_set_on_the_instance_is_wrapped_and_kept():
    model, _ = _model_and_batch()
    class_forward = model.head.forward
    calls = []

    def user_forward(feats):
        calls.append(1)
        return class_forward(feats)

    model.head.forward = user_forward
    feats = model.extract_feat(torch.randn(2, 3, 128, 96))
    for _ in range(2):
        with fp32_head_outputs(model), torch.autocast('cpu',
                                                      dtype=torch.bfloat16):
            assert model.head.forward(feats).dtype == torch.float32
    assert len(calls) == 2
    assert vars(model.head)['forward'] is user_forward


def test_unknown_dtype_is_named():
    model, _ = _model_and_batch()
    with pytest.raises(ValueError, match='"bfloat17"'):
        build_optim_wrapper(model, dict(
            type='AutocastOptimWrapper', dtype='bfloat17',
            optimizer=dict(type='Adam', lr=1e-3)))
