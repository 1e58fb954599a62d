"""Nothing assumes COCO's 17 keypoints: the dual-student model trains,
validates and exports pseudo-labels on a 12-keypoint set (the synthetic
persons without their face) described by its own metainfo file."""
import json
import math
import os.path as osp

import numpy as np
from mmengine.config import Config
from mmengine.runner import Runner
from pycocotools.coco import COCO

from semipose.utils.pseudo_labels import (build_pseudo_label_dataset,
                                          export_pseudo_labels)

from .helpers import OURS, small_config

# COCO's body without the face: shoulders, elbows, wrists, hips, knees, ankles
KEPT = list(range(5, 17))


def write_metainfo(path: str) -> None:
    """The kept keypoints of mmpose's COCO metainfo, in its format."""
    coco = Config.fromfile(_coco_metainfo()).dataset_info
    names = [coco.keypoint_info[i]['name'] for i in KEPT]
    keypoint_info = {
        new: dict(coco.keypoint_info[old], id=new)
        for new, old in enumerate(KEPT)
    }
    skeleton_info = {
        i: link for i, link in enumerate(
            link for link in coco.skeleton_info.values()
            if all(name in names for name in link['link']))
    }
    dataset_info = dict(
        dataset_name='body12', paper_info={}, keypoint_info=keypoint_info,
        skeleton_info=skeleton_info,
        joint_weights=[coco.joint_weights[i] for i in KEPT],
        sigmas=[coco.sigmas[i] for i in KEPT])
    with open(path, 'w') as f:
        f.write(f'dataset_info = {dataset_info!r}\n')


def _coco_metainfo() -> str:
    import mmpose
    return osp.join(osp.dirname(mmpose.__file__), '.mim', 'configs',
                    '_base_', 'datasets', 'coco.py')


def subset_annotations(src: str, dst: str) -> None:
    with open(src) as f:
        data = json.load(f)
    for ann in data['annotations']:
        points = np.array(ann['keypoints']).reshape(17, 3)[KEPT]
        ann['keypoints'] = points.flatten().tolist()
        ann['num_keypoints'] = int((points[:, 2] > 0).sum())
    category = data['categories'][0]
    category['keypoints'] = [category['keypoints'][i] for i in KEPT]
    category['skeleton'] = [
        [KEPT.index(a - 1) + 1, KEPT.index(b - 1) + 1]
        for a, b in category['skeleton'] if a - 1 in KEPT and b - 1 in KEPT
    ]
    with open(dst, 'w') as f:
        json.dump(data, f)


def test_dual_student_on_a_twelve_keypoint_set(synthetic_root, tmp_path):
    root = tmp_path / 'body12'
    (root / 'annotations').mkdir(parents=True)
    (root / 'images').symlink_to(osp.join(synthetic_root, 'images'))
    for name in ('train', 'train.first20', 'val'):
        subset_annotations(
            osp.join(synthetic_root, 'annotations',
                     f'person_keypoints_{name}.json'),
            str(root / 'annotations' / f'person_keypoints_{name}.json'))
    metainfo_file = str(tmp_path / 'body12.py')
    write_metainfo(metainfo_file)

    # what a user changes: the metainfo of every dataset and the heads
    cfg = small_config(OURS, str(root), str(tmp_path / 'work'))
    metainfo = dict(from_file=metainfo_file)
    cfg.train_dataloader.dataset.metainfo = metainfo
    for dataset in cfg.train_dataloader.dataset.datasets:
        dataset.metainfo = metainfo
    cfg.val_dataloader.dataset.metainfo = metainfo
    cfg.test_dataloader = cfg.val_dataloader
    cfg.model.student.head.out_channels = len(KEPT)
    cfg.custom_hooks[0].update(threshold=0.0, warmup_iters=1, rampup_iters=0)
    runner = Runner.from_cfg(cfg)
    runner.train()

    logs = [json.loads(line) for line in next(
        (tmp_path / 'work').rglob('scalars.json')).read_text().splitlines()]
    train = [r for r in logs if 'unsup_a_loss_kpt' in r]
    assert train and all(math.isfinite(r['unsup_a_loss_kpt']) for r in train)
    val = [r for r in logs if 'ensemble/coco/AP' in r]
    assert len(val) == 1 and 0.0 <= val[0]['ensemble/coco/AP'] <= 1.0
    # flips swap the subset's own left/right pairs
    assert runner.train_dataloader.dataset.metainfo['flip_indices'] == [
        1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10]

    dataset = build_pseudo_label_dataset(
        cfg, str(root / 'annotations' / 'person_keypoints_train.json'),
        img_prefix=str(root / 'images'))
    coco = export_pseudo_labels(runner.model.eval(), dataset, batch_size=8)
    assert coco['categories'][0]['keypoints'][0] == 'left_shoulder'
    assert all(len(a['keypoints']) == 3 * len(KEPT) and
               len(a['keypoint_uncertainty']) == len(KEPT)
               for a in coco['annotations'])
    out = tmp_path / 'pseudo.json'
    out.write_text(json.dumps(coco))
    assert len(COCO(str(out)).getAnnIds()) == len(coco['annotations'])
