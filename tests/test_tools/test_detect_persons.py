"""tools/misc/detect_persons.py with a real (randomly initialised) mmdet
detector, end to end into UnlabeledCocoDataset."""
import json
import os.path as osp
import shutil
import subprocess
import sys

import mmdet
import torch
from mmdet.apis import init_detector

from semipose.datasets import UnlabeledCocoDataset

from ..helpers import REPO

DETECTOR = osp.join(osp.dirname(mmdet.__file__), '.mim', 'configs', 'rtmdet',
                    'rtmdet_tiny_8xb32-300e_coco.py')


def test_detections_are_written_and_consumed(synthetic_root, tmp_path):
    images = tmp_path / 'images'
    images.mkdir()
    for i in range(2):
        shutil.copy(osp.join(synthetic_root, 'images', 'val',
                             f'{i:08d}.jpg'), images)
    out = tmp_path / 'dets' / 'persons.json'
    options = {'model.backbone.init_cfg': None,
               'model.bbox_head.num_classes': 1,
               'model.test_cfg.score_thr': 0.0,
               'model.test_cfg.max_per_img': 5}
    # a seeded random detector saved as a checkpoint: an unseeded one finds
    # no box on some draws
    torch.manual_seed(0)
    detector = init_detector(DETECTOR, None, device='cpu',
                             cfg_options=options)
    checkpoint = str(tmp_path / 'random_rtmdet.pth')
    torch.save({'state_dict': detector.state_dict()}, checkpoint)
    cmd = [sys.executable, osp.join(REPO, 'tools', 'misc',
                                    'detect_persons.py'), DETECTOR, checkpoint,
           str(images), '--out', str(out), '--score-thr', '0.0',
           '--cfg-options'] + [f'{k}={v}' for k, v in options.items()]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    dets = json.loads(out.read_text())
    assert len(dets) > 0
    for det in dets:
        assert set(det) == {'image_id', 'category_id', 'bbox', 'score'}
        assert det['category_id'] == 1 and det['image_id'] in (1, 2)
        assert len(det['bbox']) == 4 and 0.0 <= det['score'] <= 1.0
    info = json.loads((tmp_path / 'dets' / 'persons_images.json').read_text())
    assert [img['file_name'] for img in info['images']] == [
        '00000000.jpg', '00000001.jpg']
    # a random detector's boxes are degenerate: keep them all to check the
    # dataset reads the file
    dataset = UnlabeledCocoDataset(
        ann_file=str(tmp_path / 'dets' / 'persons_images.json'),
        det_file=str(out), det_score_thr=0.0, min_box_size=0.0,
        data_root='', data_prefix=dict(img=str(images)), pipeline=[])
    assert len(dataset) == len(dets)
    assert dataset[0]['unlabeled'] and osp.isfile(dataset[0]['img_path'])


def test_folder_without_images_is_refused(tmp_path):
    cmd = [sys.executable, osp.join(REPO, 'tools', 'misc',
                                    'detect_persons.py'), DETECTOR,
           'unused.pth', str(tmp_path), '--out', str(tmp_path / 'x.json')]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO,
                            timeout=300)
    assert result.returncode != 0
    assert f'no .jpg/.jpeg/.png/.bmp image in {tmp_path}' in result.stderr
