"""Normalisation of multi-branch (labeled / unlabeled views) batches."""
from mmengine.model import ImgDataPreprocessor
from mmpose.models.data_preprocessors import PoseDataPreprocessor
from mmpose.registry import MODELS


@MODELS.register_module()
class MultiViewPoseDataPreprocessor(PoseDataPreprocessor):
    """``PoseDataPreprocessor`` for the named branches of
    :class:`MultiViewAugment`.

    A training batch is ``dict(inputs=dict(branch=[tensor | None, ...]),
    data_samples=dict(branch=[sample | None, ...]))``. Each branch is
    normalised once, its ``None`` entries dropped; a branch whose entries are
    (V, C, H, W) view stacks gives (N, V, C, H, W). Only ``inputs`` and
    ``data_samples`` are read: ``CombinedDataset`` adds metainfo keys to every
    sample. Plain batches (validation, testing) go through
    ``PoseDataPreprocessor`` unchanged.
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        if not isinstance(data['inputs'], dict):
            return super().forward(data, training)
        samples = {
            name: [s for s in batch if s is not None] or None
            for name, batch in data['data_samples'].items()
        }
        inputs = {}
        for name, batch in data['inputs'].items():
            items = [t for t in batch if t is not None]
            if not items:
                inputs[name] = None
            elif items[0].dim() == 4:  # a stack of views per sample
                num_views = items[0].shape[0]
                flat = [view for stack in items for view in stack]
                out = ImgDataPreprocessor.forward(self, dict(inputs=flat),
                                                  training)
                inputs[name] = out['inputs'].unflatten(0, (len(items),
                                                           num_views))
            elif samples.get(name) is not None:
                out = super().forward(
                    dict(inputs=items, data_samples=samples[name]), training)
                inputs[name], samples[name] = out['inputs'], out[
                    'data_samples']
            else:
                inputs[name] = ImgDataPreprocessor.forward(
                    self, dict(inputs=items), training)['inputs']
        return dict(inputs=inputs, data_samples=samples)
