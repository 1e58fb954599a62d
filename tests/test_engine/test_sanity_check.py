"""Bad input stops training before the first iteration, with the file and
the field; a non-finite loss stops it before a checkpoint."""
import json
import os
import os.path as osp
import shutil

import pytest
import torch
from mmengine.runner import Runner

from ..helpers import OURS, SUPERVISED, small_config


def copy_data(src, dst):
    shutil.copytree(src, dst)
    return str(dst)


def test_missing_image_is_named_before_training(synthetic_root, tmp_path):
    root = copy_data(synthetic_root, tmp_path / 'data')
    os.remove(osp.join(root, 'images', 'train', '00000001.jpg'))
    cfg = small_config(OURS, root, str(tmp_path / 'work'))
    runner = Runner.from_cfg(cfg)
    with pytest.raises(FileNotFoundError,
                       match=r'first20.json: 1 of .* image files are '
                       r'missing .*00000001.jpg'):
        runner.train()
    assert runner.iter == 0
    assert not list((tmp_path / 'work').glob('*.pth'))


def test_unreadable_labeled_image_is_named_before_training(
        synthetic_root, tmp_path):
    root = copy_data(synthetic_root, tmp_path / 'data')
    labeled = json.load(open(osp.join(
        root, 'annotations', 'person_keypoints_train.first20.json')))
    path = osp.join(root, 'images', labeled['images'][0]['file_name'])
    with open(path, 'rb') as f:
        head = f.read(200)
    with open(path, 'wb') as f:
        f.write(head)  # truncated: the file exists but cannot be decoded
    cfg = small_config(SUPERVISED, root, str(tmp_path / 'work'))
    runner = Runner.from_cfg(cfg)
    with pytest.raises(ValueError,
                       match=r'first20.json: 1 of .* labeled images cannot '
                       r'be decoded .*' + labeled['images'][0]['file_name']):
        runner.train()
    assert runner.iter == 0


def test_empty_unlabeled_set_is_named(synthetic_root, tmp_path):
    root = copy_data(synthetic_root, tmp_path / 'data')
    path = osp.join(root, 'annotations', 'person_keypoints_train.json')
    with open(path) as f:
        data = json.load(f)
    for ann in data['annotations']:
        ann['iscrowd'] = 1
    with open(path, 'w') as f:
        json.dump(data, f)
    cfg = small_config(OURS, root, str(tmp_path / 'work'))
    with pytest.raises(ValueError, match=r'UnlabeledCocoDataset: no usable '
                       r'person box in .*person_keypoints_train.json'):
        Runner.from_cfg(cfg).train()
    assert not list((tmp_path / 'work').glob('*.pth'))


def test_keypoint_count_mismatch_is_named(synthetic_root, tmp_path):
    cfg = small_config(SUPERVISED, synthetic_root, str(tmp_path))
    cfg.model.head.out_channels = 14
    runner = Runner.from_cfg(cfg)
    with pytest.raises(ValueError, match='first20.json: the dataset has 17 '
                       'keypoints .* 14 heatmaps'):
        runner.train()


def test_non_finite_loss_stops_before_checkpoint(synthetic_root, tmp_path):
    cfg = small_config(SUPERVISED, synthetic_root, str(tmp_path),
                       max_iters=4)
    cfg.default_hooks.checkpoint.interval = 2
    runner = Runner.from_cfg(cfg)
    head = runner.model.head
    original = head.forward
    calls = []

    def poisoned(feats):
        calls.append(1)
        out = original(feats)
        # iterations 1-2 are fine, the third one diverges
        return out * float('nan') if len(calls) == 3 else out

    head.forward = poisoned
    with pytest.raises(RuntimeError, match='non-finite loss.* at iteration 3'):
        runner.train()
    assert (tmp_path / 'iter_2.pth').exists()
    assert not (tmp_path / 'iter_4.pth').exists()
    state = torch.load(tmp_path / 'iter_2.pth', weights_only=False)
    assert all(torch.isfinite(v).all() for v in state['state_dict'].values()
               if v.is_floating_point())
