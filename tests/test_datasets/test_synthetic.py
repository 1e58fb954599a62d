import hashlib
import json
import os.path as osp

import cv2
import numpy as np
import pytest
from mmpose.datasets import CocoDataset
from xtcocotools.coco import COCO

from semipose.datasets.synthetic import (COCO_KEYPOINTS, make_synthetic_coco,
                                         render_image)
from semipose.datasets.synthetic.renderer import (KEYPOINT_PARTS, Canvas,
                                                  draw_background,
                                                  draw_figure,
                                                  keypoint_visibility,
                                                  part_label)
from semipose.datasets.synthetic.skeleton import KPT, sample_figure


def digest(root):
    h = hashlib.sha256()
    for split in ('train', 'val'):
        with open(osp.join(root, 'annotations',
                           f'person_keypoints_{split}.json'), 'rb') as f:
            h.update(f.read())
    for i in range(3):
        with open(osp.join(root, 'images', 'train', f'{i:08d}.jpg'),
                  'rb') as f:
            h.update(f.read())
    return h.hexdigest()


def test_same_seed_same_bytes_any_worker_count(tmp_path):
    make_synthetic_coco(str(tmp_path / 'a'), 6, 2, seed=5)
    make_synthetic_coco(str(tmp_path / 'b'), 6, 2, seed=5, workers=2)
    make_synthetic_coco(str(tmp_path / 'c'), 6, 2, seed=6)
    assert digest(tmp_path / 'a') == digest(tmp_path / 'b')
    assert digest(tmp_path / 'a') != digest(tmp_path / 'c')


def test_coco_format_read_by_pycocotools_and_mmpose(synthetic_root):
    ann_file = osp.join(synthetic_root, 'annotations',
                        'person_keypoints_train.json')
    coco = COCO(ann_file)
    cat = coco.loadCats(1)[0]
    assert cat['keypoints'] == COCO_KEYPOINTS and len(cat['skeleton']) == 19
    anns = coco.loadAnns(coco.getAnnIds())
    assert len(anns) > 40
    for ann in anns:
        kpts = np.array(ann['keypoints']).reshape(17, 3)
        assert set(np.unique(kpts[:, 2])) <= {0, 1, 2}
        assert ann['num_keypoints'] == int((kpts[:, 2] > 0).sum())
        assert (kpts[kpts[:, 2] == 0, :2] == 0).all()
        x, y, w, h = ann['bbox']
        assert w > 0 and h > 0 and 0 < ann['area'] <= w * h
        assert ann['iscrowd'] == 0
    dataset = CocoDataset(
        ann_file=ann_file, data_root='', data_mode='topdown',
        data_prefix=dict(img=osp.join(synthetic_root, 'images/')),
        pipeline=[dict(type='LoadImage'), dict(type='GetBBoxCenterScale'),
                  dict(type='TopdownAffine', input_size=(96, 128)),
                  dict(type='PackPoseInputs')])
    sample = dataset[0]
    assert tuple(sample['inputs'].shape) == (3, 128, 96)
    assert len(dataset) == sum(1 for a in anns if a['num_keypoints'] > 0)


def test_visible_keypoints_lie_on_the_drawn_body():
    """The pixel under a visible joint is not the background it was drawn
    over; an occluded joint has something else on top of it."""
    checked = 0
    for index in range(30):
        rng = np.random.default_rng([11, index])
        background = draw_background(rng, 192, 192)
        canvas = Canvas(background.copy())
        fig = sample_figure(rng, np.array([96., 120.]), 120.)
        draw_figure(canvas, fig, 0, rng)
        vis = keypoint_visibility(canvas.labels, fig, 0)
        for name in ('left_wrist', 'right_wrist', 'left_ankle', 'left_knee'):
            j = KPT[name]
            x, y = fig.keypoints[j].astype(int)
            if vis[j] == 2:
                assert (canvas.image[y, x] != background[y, x]).any()
                assert canvas.labels[y, x] != 0
                checked += 1
            elif vis[j] == 1:
                # covered by a part the joint does not belong to
                own = {part_label(0, p) for p in KEYPOINT_PARTS[name]}
                assert canvas.labels[y, x] not in own
    assert checked > 30


@pytest.mark.parametrize('difficulty', ['standard', 'hard'])
def test_visibility_flags_follow_occluders_and_borders(difficulty):
    found_occluded = found_outside = False
    for index in range(60):
        image, anns = render_image(1, 'train', index, difficulty=difficulty)
        for ann in anns:
            kpts = np.array(ann['keypoints']).reshape(17, 3)
            found_occluded |= bool((kpts[:, 2] == 1).any())
            found_outside |= bool((kpts[:, 2] == 0).any())
            for x, y, v in kpts:
                if v > 0:
                    assert 0 <= x < image.shape[1] and 0 <= y < image.shape[0]
    assert found_occluded and found_outside


def test_images_are_written_as_listed(synthetic_root):
    with open(osp.join(synthetic_root, 'annotations',
                       'person_keypoints_val.json')) as f:
        data = json.load(f)
    img = data['images'][0]
    image = cv2.imread(osp.join(synthetic_root, 'images', img['file_name']))
    assert image.shape == (img['height'], img['width'], 3)


def test_standard_difficulty_has_fewer_larger_persons_than_hard():
    stats = {}
    for difficulty in ('standard', 'hard'):
        persons = [render_image(2, 'train', i, difficulty=difficulty)[1]
                   for i in range(40)]
        heights = [a['bbox'][3] for anns in persons for a in anns]
        stats[difficulty] = (np.mean([len(a) for a in persons]),
                             np.percentile(heights, 10))
    # standard: 1.2 persons per image on average, hard: 1.6
    assert stats['standard'][0] < stats['hard'][0] - 0.2
    # standard persons are 0.55-0.9 of the image tall, hard 0.35-0.9: the
    # small ones (10th percentile of box heights, 101 vs 75 px) differ
    assert stats['standard'][1] > stats['hard'][1] + 15


def test_unknown_difficulty_is_named(tmp_path):
    with pytest.raises(ValueError, match='"easy"'):
        render_image(0, 'train', 0, difficulty='easy')
    with pytest.raises(ValueError, match='"easy"'):
        make_synthetic_coco(str(tmp_path), 1, 1, difficulty='easy')
