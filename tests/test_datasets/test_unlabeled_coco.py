import json
import os.path as osp

import pytest

from semipose.datasets import UnlabeledCocoDataset
from semipose.datasets.coco_utils import CocoFormatError


def build(root, **kwargs):
    return UnlabeledCocoDataset(
        data_root=root, data_prefix=dict(img='images/'), pipeline=[],
        **kwargs)


def test_gt_boxes_without_keypoints(synthetic_root):
    ann = 'annotations/person_keypoints_train.json'
    dataset = build(synthetic_root, ann_file=ann)
    with open(osp.join(synthetic_root, ann)) as f:
        data = json.load(f)
    assert len(dataset) == len(data['annotations'])
    sample = dataset[0]
    assert sample['unlabeled'] is True
    assert 'keypoints' not in sample
    assert sample['bbox'].shape == (1, 4)
    assert osp.isfile(sample['img_path'])
    assert len(sample['flip_indices']) == 17


def test_detection_file_with_score_threshold(synthetic_root, tmp_path):
    dets = [dict(image_id=1, category_id=1, bbox=[10, 10, 50, 90], score=0.9),
            dict(image_id=2, category_id=1, bbox=[5, 5, 40, 80], score=0.3),
            dict(image_id=2, category_id=3, bbox=[5, 5, 40, 80], score=0.99)]
    det_file = tmp_path / 'dets.json'
    det_file.write_text(json.dumps(dets))
    dataset = build(synthetic_root,
                    ann_file='annotations/person_keypoints_train.json',
                    det_file=str(det_file), det_score_thr=0.5)
    assert len(dataset) == 1
    assert dataset[0]['bbox'].tolist() == [[10., 10., 60., 100.]]
    assert dataset[0]['bbox_score'].tolist() == [pytest.approx(0.9)]
    with pytest.raises(ValueError, match=r'dets.json: no person box with '
                       r'score >= 0.95'):
        build(synthetic_root,
              ann_file='annotations/person_keypoints_train.json',
              det_file=str(det_file), det_score_thr=0.95)


def test_bad_files_name_file_and_field(synthetic_root, tmp_path):
    with pytest.raises(FileNotFoundError, match='nothere.json'):
        build(synthetic_root, ann_file=str(tmp_path / 'nothere.json'))
    no_images = tmp_path / 'no_images.json'
    no_images.write_text(json.dumps(dict(annotations=[])))
    with pytest.raises(CocoFormatError, match='no_images.json.*"images"'):
        build(synthetic_root, ann_file=str(no_images))
    bad_det = tmp_path / 'bad_det.json'
    bad_det.write_text(json.dumps(
        [dict(image_id=999, category_id=1, bbox=[0, 0, 9, 9], score=1.0)]))
    with pytest.raises(CocoFormatError, match='bad_det.json: entry 0 has '
                       'image_id 999'):
        build(synthetic_root,
              ann_file='annotations/person_keypoints_train.json',
              det_file=str(bad_det))
