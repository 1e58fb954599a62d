import torch
from mmpose.registry import MODELS
from mmpose.structures import PoseDataSample


def test_branches_are_normalised_once_and_none_dropped():
    pre = MODELS.build(dict(type='MultiViewPoseDataPreprocessor',
                            mean=[10., 20., 30.], std=[2., 2., 2.]))
    img = torch.full((3, 8, 6), 40, dtype=torch.uint8)
    views = torch.full((4, 3, 8, 6), 50, dtype=torch.uint8)
    sup, unsup = PoseDataSample(), PoseDataSample()
    data = dict(
        inputs=dict(sup=[img, None], unsup_hard=[None, img],
                    unsup_views=[None, views]),
        data_samples=dict(sup=[sup, None], unsup=[None, unsup]),
        dataset_name=['coco', 'coco'])  # CombinedDataset's extra keys
    out = pre(data, training=True)
    assert out['inputs']['sup'].shape == (1, 3, 8, 6)
    assert out['inputs']['unsup_hard'].shape == (1, 3, 8, 6)
    assert out['inputs']['unsup_views'].shape == (1, 4, 3, 8, 6)
    torch.testing.assert_close(out['inputs']['sup'][0, :, 0, 0],
                               torch.tensor([15., 10., 5.]))
    torch.testing.assert_close(out['inputs']['unsup_views'][0, 3, :, 0, 0],
                               torch.tensor([20., 15., 10.]))
    # one sample per kept entry; the labeled ones got their input shape
    assert len(out['data_samples']['sup']) == 1
    assert out['data_samples']['sup'][0].batch_input_shape == (8, 6)
    assert len(out['data_samples']['unsup']) == 1
    assert set(out) == {'inputs', 'data_samples'}


def test_plain_batches_pass_through():
    pre = MODELS.build(dict(type='MultiViewPoseDataPreprocessor',
                            mean=[0., 0., 0.], std=[1., 1., 1.]))
    out = pre(dict(inputs=[torch.ones(3, 4, 4, dtype=torch.uint8)],
                   data_samples=[PoseDataSample()]))
    assert out['inputs'].shape == (1, 3, 4, 4)
