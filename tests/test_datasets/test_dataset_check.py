"""Bad annotation files are named before a runner builds the dataset."""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest

from semipose.datasets import check_dataset_cfg
from semipose.datasets.coco_utils import CocoFormatError

from ..helpers import OURS, REPO, SUPERVISED, small_config

LABELED = 'annotations/person_keypoints_train.first20.json'


def labeled_cfg(root: str, ann_file: str = LABELED, **kwargs) -> dict:
    return dict(type='CocoDataset', data_root=root, data_mode='topdown',
                ann_file=ann_file, **kwargs)


def write_json(path, data) -> str:
    with open(path, 'w') as f:
        json.dump(data, f)
    return str(path)


def without_valid_persons(root: str, dst) -> str:
    with open(osp.join(root, LABELED)) as f:
        data = json.load(f)
    for ann in data['annotations']:
        ann['num_keypoints'] = 0
    return write_json(dst, data)


def test_valid_files_pass(synthetic_root):
    check_dataset_cfg(labeled_cfg(synthetic_root))
    check_dataset_cfg(labeled_cfg(synthetic_root, indices=5))
    check_dataset_cfg(
        labeled_cfg(synthetic_root,
                    'annotations/person_keypoints_val.json', test_mode=True))


def test_no_valid_person_is_named(synthetic_root, tmp_path):
    path = without_valid_persons(synthetic_root, tmp_path / 'empty.json')
    with pytest.raises(CocoFormatError,
                       match=r'empty.json: no valid person instance .* field '
                       r'"annotations" \(20 annotations'):
        check_dataset_cfg(labeled_cfg(synthetic_root, path))


def test_indices_beyond_the_valid_persons_are_named(synthetic_root):
    with pytest.raises(CocoFormatError, match=r'indices=\[25, 30\]'):
        check_dataset_cfg(labeled_cfg(synthetic_root, indices=[25, 30]))


@pytest.mark.parametrize('content, message', [
    ('{"images": [', r'bad.json: not valid JSON'),
    ('{"images": [], "annotations": []}', r'bad.json: field "categories" is '
     r'missing'),
    ('{"images": [], "annotations": [], "categories": [{"id": 1, "name": '
     '"person"}]}', r'bad.json: no category has a "keypoints" list'),
])
def test_malformed_file_is_named(synthetic_root, tmp_path, content, message):
    path = tmp_path / 'bad.json'
    path.write_text(content)
    with pytest.raises(CocoFormatError, match=message):
        check_dataset_cfg(labeled_cfg(synthetic_root, str(path)))


def test_wrappers_are_searched(synthetic_root, tmp_path):
    bad = without_valid_persons(synthetic_root, tmp_path / 'empty.json')
    combined = dict(
        type='CombinedDataset', metainfo={},
        datasets=[dict(type='RepeatDataset', times=2,
                       dataset=labeled_cfg(synthetic_root, bad)),
                  dict(type='UnlabeledCocoDataset', ann_file='unchecked')])
    with pytest.raises(CocoFormatError, match='empty.json'):
        check_dataset_cfg(combined)


@pytest.mark.parametrize('config', [SUPERVISED, OURS])
def test_train_tool_names_empty_labeled_set(synthetic_root, tmp_path, config):
    """Through ``tools/train.py`` (also for ours, where the labeled set sits
    in a CombinedDataset), before any work_dir content is written."""
    bad = without_valid_persons(synthetic_root, tmp_path / 'empty.json')
    work_dir = tmp_path / 'work'
    cfg = small_config(config, synthetic_root, str(work_dir))
    dataset = cfg.train_dataloader.dataset
    (dataset.datasets[0] if 'datasets' in dataset else dataset).ann_file = bad
    path = str(tmp_path / 'cfg.py')
    cfg.dump(path)
    result = subprocess.run(
        [sys.executable, osp.join(REPO, 'tools', 'train.py'), path],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env=dict(os.environ, PYTHONWARNINGS='ignore'))
    assert result.returncode != 0
    assert 'empty.json: no valid person instance' in result.stderr
    assert not work_dir.exists()
