import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.logging import MessageHub
from mmengine.runner import save_checkpoint
from mmpose.apis import inference_topdown, init_model

from semipose.utils.export import export_student, pair_from_students

from ..helpers import OURS, SUPERVISED


@pytest.fixture(scope='module')
def dual_checkpoint(tmp_path_factory):
    """A dual-student checkpoint whose students differ, with validation AP
    of both in its message hub (student B better)."""
    # (mmpose's init_model reads model.backbone unless cfg_options is given)
    model = init_model(OURS, device='cpu',
                       cfg_options=dict(model=dict(predict_on='a')))
    path = str(tmp_path_factory.mktemp('ckpt') / 'dual.pth')
    hub = MessageHub.get_instance('export_test')
    hub.update_scalar('val/student_a/coco/AP', 0.2)
    hub.update_scalar('val/student_b/coco/AP', 0.3)
    save_checkpoint(dict(state_dict=model.state_dict(),
                         message_hub=hub.state_dict(),
                         meta=dict(seed=0)), path)
    return path


def test_exported_student_predicts_like_the_dual_model(
        dual_checkpoint, synthetic_root, tmp_path):
    out = str(tmp_path / 'student_b.pth')
    assert export_student(dual_checkpoint, out, 'best') == 'b'
    plain = init_model(SUPERVISED, out, device='cpu')
    dual = init_model(OURS, dual_checkpoint, device='cpu',
                      cfg_options=dict(model=dict(predict_on='b')))
    img = osp.join(synthetic_root, 'images', 'val', '00000000.jpg')
    bboxes = np.array([[20., 10., 120., 180.], [60., 40., 150., 170.]])
    ref = inference_topdown(dual, img, bboxes)
    got = inference_topdown(plain, img, bboxes)
    for r, g in zip(ref, got):
        np.testing.assert_allclose(g.pred_instances.keypoints,
                                   r.pred_instances.keypoints, atol=1e-4)
    # student A is a different network
    export_student(dual_checkpoint, str(tmp_path / 'a.pth'), 'a')
    other = inference_topdown(init_model(SUPERVISED, str(tmp_path / 'a.pth'),
                                         device='cpu'), img, bboxes)
    assert not np.allclose(other[0].pred_instances.keypoints,
                           got[0].pred_instances.keypoints)


def test_exported_student_runs_in_mmpose_inferencer(dual_checkpoint,
                                                    synthetic_root, tmp_path):
    from mmpose.apis import MMPoseInferencer
    out = str(tmp_path / 'student.pth')
    export_student(dual_checkpoint, out, 'a')
    inferencer = MMPoseInferencer(pose2d=SUPERVISED, pose2d_weights=out,
                                  det_model='whole_image', device='cpu')
    img = osp.join(synthetic_root, 'images', 'val', '00000001.jpg')
    result = next(inferencer(img, show=False))
    keypoints = np.array(result['predictions'][0][0]['keypoints'])
    assert keypoints.shape == (17, 2)


def test_export_errors(tmp_path):
    plain = tmp_path / 'plain.pth'
    torch.save(dict(state_dict={'backbone.conv1.weight': torch.zeros(1)}),
               plain)
    with pytest.raises(KeyError, match='no "student_a.\\*" weights'):
        export_student(str(plain), str(tmp_path / 'x.pth'), 'a')
    with pytest.raises(KeyError, match='choose --student a or b'):
        export_student(str(plain), str(tmp_path / 'x.pth'), 'best')


def test_pair_starts_from_two_plain_models(dual_checkpoint, tmp_path):
    from mmengine.runner import load_checkpoint
    # two different plain models: the students of the dual checkpoint
    plain = {}
    for student in ('a', 'b'):
        plain[student] = str(tmp_path / f'{student}.pth')
        export_student(dual_checkpoint, plain[student], student)
    # swapped: B's weights start student A
    out = str(tmp_path / 'pair.pth')
    pair_from_students(plain['b'], plain['a'], out)
    dual = init_model(OURS, device='cpu',
                      cfg_options=dict(model=dict(predict_on='a')))
    load_checkpoint(dual, out, strict=True)
    source = torch.load(dual_checkpoint, weights_only=False)['state_dict']
    state = dual.state_dict()
    assert set(state) == set(source)
    for key, value in state.items():
        other = key.replace('student_a.', 'student_b.') if key.startswith(
            'student_a.') else key.replace('student_b.', 'student_a.')
        torch.testing.assert_close(value, source[other], rtol=0, atol=0)
    assert not torch.equal(state['student_a.head.final_layer.weight'],
                           state['student_b.head.final_layer.weight'])


def test_pair_from_students_refuses_a_dual_checkpoint(dual_checkpoint,
                                                      tmp_path):
    plain = str(tmp_path / 'a.pth')
    export_student(dual_checkpoint, plain, 'a')
    with pytest.raises(KeyError, match='a dual-student checkpoint'):
        pair_from_students(plain, dual_checkpoint, str(tmp_path / 'x.pth'))


def test_pair_into_teachers_fixes_the_teachers_and_leaves_students_fresh(
        dual_checkpoint, tmp_path):
    """``into='teachers'``: the two plain models become the fixed teachers
    of a ``teacher_momentum=1.0`` pair and make its pseudo-labels from the
    first step; the students keep their initialisation."""
    from mmengine.runner import load_checkpoint
    plain = {}
    for student in ('a', 'b'):
        plain[student] = str(tmp_path / f'{student}.pth')
        export_student(dual_checkpoint, plain[student], student)
    out = str(tmp_path / 'teachers.pth')
    pair_from_students(plain['a'], plain['b'], out, into='teachers')
    state = torch.load(out, weights_only=False)['state_dict']
    assert not any(k.startswith('student_') for k in state)
    assert bool(state['teachers_ready'])
    dual = init_model(OURS, device='cpu', cfg_options=dict(
        model=dict(predict_on='a', teacher_momentum=1.0)))
    fresh = {k: v.clone() for k, v in dual.state_dict().items()
             if k.startswith('student_')}
    load_checkpoint(dual, out, strict=False)
    dual.update_teachers()  # what the denoiser hook does after a step
    source = torch.load(dual_checkpoint, weights_only=False)['state_dict']
    loaded = dual.state_dict()
    for key, value in source.items():  # student_x.* of the source
        torch.testing.assert_close(loaded[key.replace('student_', 'teacher_')],
                                   value, rtol=0, atol=0)
    for key, value in fresh.items():
        torch.testing.assert_close(loaded[key], value, rtol=0, atol=0)
    assert dual.pseudo_labelers['a'] is dual.teacher_a
    with pytest.raises(ValueError, match='into must be one of'):
        pair_from_students(plain['a'], plain['b'], out, into='both')
