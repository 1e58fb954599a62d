"""Pseudo-label export: a COCO person-keypoints file that mmpose's
CocoDataset, pycocotools and the project's split tool read unchanged."""
import json
import os.path as osp

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.runner import save_checkpoint
from mmpose.datasets import CocoDataset
from mmpose.registry import MODELS
from pycocotools.coco import COCO

from semipose.datasets.splits import split_first_n
from semipose.utils.pseudo_labels import (build_pseudo_label_dataset,
                                          contact_sheet, export_pseudo_labels,
                                          load_teacher, rank_by_uncertainty,
                                          trained_threshold)

from ..helpers import OURS, REPO, SUPERVISED


def test_exported_pseudo_labels_read_back(synthetic_root, tmp_path):
    cfg = Config.fromfile(OURS)
    cfg.model.threshold = 0.05  # an untrained model: keep some, drop some
    model = MODELS.build(cfg.model).eval()
    ann_file = osp.join(synthetic_root, 'annotations',
                        'person_keypoints_train.json')
    dataset = build_pseudo_label_dataset(
        cfg, ann_file, img_prefix=osp.join(synthetic_root, 'images'))
    coco = export_pseudo_labels(model, dataset, batch_size=8)
    out = tmp_path / 'pseudo.json'
    out.write_text(json.dumps(coco))

    with open(ann_file) as f:
        source = json.load(f)
    persons = [a for a in source['annotations'] if not a.get('iscrowd')]
    assert [a['id'] for a in coco['annotations']] == [a['id'] for a in persons]
    kept_total = 0
    for ann, person in zip(coco['annotations'], persons):
        # the box the crop came from: clipped to the image's last pixel
        np.testing.assert_allclose(ann['bbox'], person['bbox'], atol=1.0)
        visible = np.array(ann['keypoints']).reshape(17, 3)[:, 2]
        assert set(visible) <= {0, 2}
        assert ann['num_keypoints'] == (visible == 2).sum()
        assert len(ann['keypoint_scores']) == 17
        assert len(ann['keypoint_uncertainty']) == 17
        scores = np.array(ann['keypoint_scores'])
        # kept exactly where a pool member passed the threshold
        assert (scores[visible == 2] >= 0.05).all()
        kept_total += ann['num_keypoints']
    assert 0 < kept_total < 17 * len(persons)

    api = COCO(str(out))
    assert len(api.getAnnIds()) == len(persons)
    assert api.loadCats(1)[0]['keypoints'][0] == 'nose'

    # mmpose reads every person with at least one kept keypoint
    readable = CocoDataset(ann_file=str(out), data_mode='topdown',
                           data_prefix=dict(img=synthetic_root + '/images/'),
                           pipeline=[], test_mode=False)
    expected = sum(a['num_keypoints'] > 0 for a in coco['annotations'])
    assert len(readable) == expected
    first = next(a for a in coco['annotations'] if a['num_keypoints'] > 0)
    info = readable.get_data_info(0)
    assert info['id'] == first['id']
    np.testing.assert_allclose(
        info['keypoints'][0],
        np.array(first['keypoints']).reshape(17, 3)[:, :2], atol=1e-6)

    split = split_first_n(str(out), 5)
    with open(split['labeled']) as f:
        assert len(json.load(f)['annotations']) == 5


def _person(pid, uncertainty, score, kept=(2, 2)):
    keypoints = []
    for v in kept:
        keypoints += [30., 40., v] if v else [0., 0., 0]
    return dict(id=pid, image_id=1, bbox=[10., 20., 40., 40.],
                keypoints=keypoints, keypoint_uncertainty=uncertainty,
                score=score)


def test_ranking_puts_the_most_uncertain_persons_first():
    persons = [_person(1, [0.1, 0.1], 0.9), _person(2, [0.5, 0.3], 0.8),
               _person(3, [0.2, 0.0], 0.7), _person(4, [0.4, 0.4], 0.2),
               _person(5, [0.4, 0.4], 0.6)]
    ranked = rank_by_uncertainty(persons, 4)
    # means 0.1, 0.4, 0.1, 0.4, 0.4; among equal means the lower score first
    assert [p['id'] for p in ranked] == [4, 5, 2, 3]


def test_contact_sheet_marks_kept_keypoints_by_uncertainty(tmp_path):
    cv2.imwrite(str(tmp_path / 'a.png'), np.full((100, 100, 3), 128,
                                                 np.uint8))
    images = {1: dict(id=1, file_name='a.png')}
    # the keypoint (30, 40) is the box centre: the tile's centre pixel
    persons = [_person(1, [0.0, 0.0], 1., kept=(2, 0)),
               _person(2, [1.0, 1.0], 1., kept=(2, 0))]
    sheet = contact_sheet(persons, images, str(tmp_path), tile=(40, 40),
                          columns=2)
    assert sheet.shape == (40, 80, 3)
    low, high = sheet[20, 20], sheet[20, 60]
    assert low[0] > 100 and low[2] < 50  # blue (BGR): the lower uncertainty
    assert high[2] > 100 and high[0] < 50  # red: the higher
    assert (sheet[5, 5] == 128).all()  # the image elsewhere


def test_pseudo_labels_use_the_threshold_training_ended_on():
    # constant tau: the hook's; a schedule from 0.7 to 0.4: its end
    assert trained_threshold(Config.fromfile(OURS)) == 0.5
    schedule = Config.fromfile(osp.join(
        REPO, 'configs', 'dual_student', 'dual-student-tau-schedule_'
        'res18-tiny_1xb32-2000it_synthetic-first70-128x96.py'))
    assert trained_threshold(schedule) == 0.4
    # halfway through the ramp tau is halfway
    hook = schedule.custom_hooks[0]
    schedule.train_cfg.max_iters = (
        hook.warmup_iters + hook.rampup_iters // 2 + 1)
    assert trained_threshold(schedule) == pytest.approx(0.55)
    schedule.custom_hooks = []
    assert trained_threshold(schedule) is None


def _same_weights(a, b) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k])
                                          for k in sa)


def test_a_single_model_teaches_as_both_students(tmp_path):
    torch.manual_seed(0)
    single = MODELS.build(Config.fromfile(SUPERVISED).model)
    checkpoint = str(tmp_path / 'single.pth')
    save_checkpoint(single.state_dict(), checkpoint)
    pair = MODELS.build(Config.fromfile(OURS).model)
    assert not _same_weights(pair.student_a, single)
    load_teacher(pair, checkpoint)
    assert _same_weights(pair.student_a, single)
    assert _same_weights(pair.student_b, single)

    # a pair's checkpoint loads as it was saved, each student its own
    trained = MODELS.build(Config.fromfile(OURS).model)
    assert not _same_weights(trained.student_a, trained.student_b)
    save_checkpoint(trained.state_dict(), str(tmp_path / 'pair.pth'))
    load_teacher(pair, str(tmp_path / 'pair.pth'))
    assert _same_weights(pair.student_a, trained.student_a)
    assert _same_weights(pair.student_b, trained.student_b)

    # another architecture is refused, not half loaded
    cfg = Config.fromfile(SUPERVISED)
    cfg.model.head.out_channels = 5
    save_checkpoint(MODELS.build(cfg.model).state_dict(),
                    str(tmp_path / 'other.pth'))
    with pytest.raises(RuntimeError, match='size mismatch'):
        load_teacher(pair, str(tmp_path / 'other.pth'))
