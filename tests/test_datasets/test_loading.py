"""An unreadable unlabeled image is skipped with one warning; a labeled one
still stops the pipeline; a dual-student run goes on past such a file."""
import json
import logging
import os.path as osp
import shutil

import pytest
from mmengine.runner import Runner

from semipose.datasets import LoadImageOrSkip
from semipose.datasets.transforms import loading

from ..helpers import OURS, small_config


def _truncate(path):
    with open(path, 'rb') as f:
        head = f.read(200)
    with open(path, 'wb') as f:
        f.write(head)


@pytest.fixture
def broken_image(tmp_path, synthetic_root):
    """A truncated copy of one training JPEG."""
    train = json.load(open(osp.join(synthetic_root, 'annotations',
                                    'person_keypoints_train.json')))
    src = osp.join(synthetic_root, 'images', train['images'][-1]['file_name'])
    path = str(tmp_path / 'broken.jpg')
    shutil.copy(src, path)
    _truncate(path)
    return path


def test_unreadable_unlabeled_image_is_skipped_and_named_once(
        broken_image, monkeypatch):
    warnings = []
    monkeypatch.setattr(
        loading, 'print_log',
        lambda msg, logger, level: warnings.append((msg, level)))
    load = LoadImageOrSkip()
    for _ in range(3):
        assert load(dict(img_path=broken_image, unlabeled=True)) is None
    assert len(warnings) == 1
    message, level = warnings[0]
    assert level == logging.WARNING and broken_image in message
    assert '1 unreadable unlabeled image(s) skipped' in message


def test_unreadable_labeled_image_still_raises(broken_image):
    with pytest.raises(Exception, match='broken.jpg'):
        LoadImageOrSkip()(dict(img_path=broken_image))


def test_dual_student_run_goes_on_past_an_unreadable_unlabeled_image(
        synthetic_root, tmp_path):
    root = tmp_path / 'data'
    shutil.copytree(synthetic_root, root)
    train = json.load(open(root / 'annotations' /
                           'person_keypoints_train.json'))
    labeled = json.load(open(root / 'annotations' /
                             'person_keypoints_train.first20.json'))
    labeled_files = {im['file_name'] for im in labeled['images']}
    unlabeled_only = [im['file_name'] for im in train['images']
                      if im['file_name'] not in labeled_files]
    for name in unlabeled_only[:len(unlabeled_only) // 2]:
        _truncate(root / 'images' / name)
    cfg = small_config(OURS, str(root), str(tmp_path / 'work'), max_iters=3)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1, rampup_iters=0)
    Runner.from_cfg(cfg).train()
    assert (tmp_path / 'work' / 'iter_3.pth').exists()
    log = next((tmp_path / 'work').rglob('*.log')).read_text()
    assert 'skipped an unreadable unlabeled image' in log
