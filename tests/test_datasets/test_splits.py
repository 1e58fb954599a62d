import json
import os.path as osp

import pytest
from mmpose.datasets import CocoDataset

from semipose.datasets.coco_utils import CocoFormatError, valid_instances
from semipose.datasets.splits import grow_split, split_first_n, split_random


def train_file(root):
    return osp.join(root, 'annotations', 'person_keypoints_train.json')


def load(path):
    with open(path) as f:
        return json.load(f)


def ids(path):
    with open(path[:-len('.json')] + '.img_ids.txt') as f:
        return [int(line) for line in f.read().split()]


def test_first_n_matches_mmpose_indices(synthetic_root, tmp_path):
    paths = split_first_n(train_file(synthetic_root), 15, str(tmp_path))
    labeled = load(paths['labeled'])
    assert len(labeled['annotations']) == 15
    full = CocoDataset(ann_file=train_file(synthetic_root), data_root='',
                       data_mode='topdown', indices=15, lazy_init=False,
                       pipeline=[])
    split = CocoDataset(ann_file=paths['labeled'], data_root='',
                        data_mode='topdown', pipeline=[])
    assert [full[i]['id'] for i in range(15)] == \
        [split[i]['id'] for i in range(len(split))]
    # the paper's protocol: every training image is unlabeled data
    assert ids(paths['unlabeled']) == [
        img['id'] for img in load(train_file(synthetic_root))['images']]
    assert ids(paths['labeled']) == [img['id'] for img in labeled['images']]


def test_random_split_sizes_and_disjointness(synthetic_root, tmp_path):
    data = load(train_file(synthetic_root))
    candidates = {a['image_id'] for a in valid_instances(data)}
    paths = split_random(train_file(synthetic_root), 25, 2, str(tmp_path))
    labeled, unlabeled = set(ids(paths['labeled'])), set(
        ids(paths['unlabeled']))
    assert len(labeled) == round(len(candidates) * 0.25)
    assert len(ids(paths['labeled'])) == len(labeled)  # no replacement
    assert labeled <= candidates
    assert not labeled & unlabeled
    assert labeled | unlabeled == {img['id'] for img in data['images']}
    other = split_random(train_file(synthetic_root), 25, 3, str(tmp_path))
    assert set(ids(other['labeled'])) != labeled
    again = split_random(train_file(synthetic_root), 25, 2,
                         str(tmp_path / 'again'))
    assert set(ids(again['labeled'])) == labeled


def test_clear_errors(synthetic_root, tmp_path):
    with pytest.raises(FileNotFoundError, match='missing.json'):
        split_first_n(str(tmp_path / 'missing.json'), 5)
    bad = tmp_path / 'instances.json'
    bad.write_text(json.dumps(dict(images=[], annotations=[],
                                   categories=[dict(id=1, name='person')])))
    with pytest.raises(CocoFormatError, match='instances.json.*keypoints'):
        split_first_n(str(bad), 5)
    garbage = tmp_path / 'garbage.json'
    garbage.write_text('{"images": [')
    with pytest.raises(CocoFormatError, match='garbage.json: not valid JSON'):
        split_first_n(str(garbage), 5)
    n = len(valid_instances(load(train_file(synthetic_root))))
    with pytest.raises(ValueError, match=f'has {n} valid person'):
        split_first_n(train_file(synthetic_root), n + 1, str(tmp_path))


def test_grow_split_adds_chosen_persons_with_their_labels(synthetic_root,
                                                          tmp_path):
    full = load(train_file(synthetic_root))
    paths = split_first_n(train_file(synthetic_root), 5, str(tmp_path))
    base = {a['id'] for a in load(paths['labeled'])['annotations']}
    chosen = [a['id'] for a in full['annotations'] if a['id'] not in base][-3:]
    grown = grow_split(train_file(synthetic_root), paths['labeled'], chosen)
    assert grown == paths['labeled'][:-len('.json')] + '+3.json'
    data = load(grown)
    assert {a['id'] for a in data['annotations']} == base | set(chosen)
    by_id = {a['id']: a for a in full['annotations']}
    for ann in data['annotations']:
        assert ann == by_id[ann['id']]  # labels from the full file
    assert ids(grown) == [img['id'] for img in data['images']]
    assert {img['id'] for img in data['images']} == {
        a['image_id'] for a in data['annotations']}
    with pytest.raises(ValueError, match='no annotation with id'):
        grow_split(train_file(synthetic_root), paths['labeled'], [-7])
