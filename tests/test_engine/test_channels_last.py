"""``ChannelsLastHook`` changes strides only, not results."""
import copy
from types import SimpleNamespace

import torch
from mmengine.config import Config
from mmpose.registry import MODELS

from semipose.engine import ChannelsLastHook

from ..helpers import SUPERVISED


def test_channels_last_keeps_parameters_and_outputs():
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(SUPERVISED).model)
    reference = copy.deepcopy(model)
    params = list(model.parameters())
    ChannelsLastHook().before_train(SimpleNamespace(model=model))
    conv = model.backbone.conv1.weight
    assert conv.is_contiguous(memory_format=torch.channels_last)
    assert not conv.is_contiguous()
    # same Parameter objects: an optimizer built before keeps working
    assert all(a is b for a, b in zip(params, model.parameters()))
    x = torch.randn(2, 3, 128, 96)
    model.eval()
    reference.eval()
    with torch.no_grad():
        out = model.head.forward(model.extract_feat(x))
        expected = reference.head.forward(reference.extract_feat(x))
    assert out.is_contiguous(memory_format=torch.channels_last)
    torch.testing.assert_close(out, expected, rtol=1e-4, atol=1e-5)
