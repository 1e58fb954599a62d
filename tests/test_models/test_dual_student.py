import copy

import numpy as np
import pytest
import torch
from mmengine.dataset import pseudo_collate
from mmengine.runner import save_checkpoint
from mmpose.registry import MODELS

from semipose.datasets.transforms import MultiViewAugment
from semipose.models.utils import heatmap_peaks, render_gaussians

FLIP_INDICES = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]
INPUT_SIZE = (48, 64)
CODEC = dict(type='MSRAHeatmap', input_size=INPUT_SIZE, heatmap_size=(12, 16),
             sigma=1.0)
STUDENT = dict(
    type='TopdownPoseEstimator',
    backbone=dict(type='ResNet', depth=18, stem_channels=8, base_channels=8,
                  strides=(1, 2, 2, 1)),
    head=dict(type='HeatmapHead', in_channels=64, out_channels=17,
              deconv_out_channels=(16, 16), deconv_kernel_sizes=(4, 4),
              decoder=CODEC),
    test_cfg=dict(flip_test=False))
PREPROCESSOR = dict(type='MultiViewPoseDataPreprocessor',
                    mean=[123.675, 116.28, 103.53],
                    std=[58.395, 57.12, 57.375], bgr_to_rgb=True)


def build(**kwargs):
    cfg = dict(type='DualStudentPoseEstimator', student=STUDENT,
               data_preprocessor=PREPROCESSOR, threshold=0.0)
    cfg.update(kwargs)
    model = MODELS.build(cfg)
    model.init_weights()
    return model


def samples(num_labeled=2, num_unlabeled=2, seed=0,
            hard=dict(rotate_factor=30., rotate_prob=0.8, scale_factor=0.25)):
    rng = np.random.default_rng(seed)
    np.random.seed(seed)  # MultiViewAugment draws from numpy's global state
    aug = MultiViewAugment(
        hard=hard,
        input_size=INPUT_SIZE,
        sup_pipeline=[
            dict(type='TopdownAffine', input_size=INPUT_SIZE),
            dict(type='GenerateTarget', encoder=CODEC),
            dict(type='PackPoseInputs')
        ],
        views=[dict(), dict(flip=True), dict(rotate=20.)])
    out = []
    for i in range(num_labeled + num_unlabeled):
        results = dict(
            img=rng.integers(0, 255, (100, 80, 3), dtype=np.uint8),
            bbox_center=np.array([[40., 50.]]),
            bbox_scale=np.array([[60., 80.]]),
            bbox=np.array([[10., 10., 70., 90.]]),
            bbox_score=np.ones(1), flip_indices=FLIP_INDICES,
            keypoints=rng.uniform(20, 60, (1, 17, 2)).astype(np.float32),
            keypoints_visible=np.ones((1, 17), np.float32), id=i, img_id=i,
            unlabeled=i >= num_labeled, dataset_name='coco')
        out.append(aug(results))
    return pseudo_collate(out)


def test_loss_names_values_and_gradients_reach_both_students():
    torch.manual_seed(0)
    model = build()
    model.train()
    # an identity hard view: no pseudo-keypoint can leave it
    identity = dict(rotate_prob=0., scale_factor=0.)
    data = model.data_preprocessor(samples(hard=identity), training=True)
    assert data['inputs']['unsup_views'].shape == (2, 3, 3, 64, 48)
    losses = model(**data, mode='loss')
    for key in ('sup_a_loss_kpt', 'sup_b_loss_kpt', 'unsup_a_loss_kpt',
                'unsup_b_loss_kpt'):
        assert key in losses and torch.isfinite(losses[key])
    # statistics are logged but never summed into the loss
    for key in ('unsup_a_kept', 'unsup_b_kept', 'pseudo_agreement',
                'pseudo_uncertainty'):
        assert 'loss' not in key and key in losses
    assert losses['unsup_a_kept'] == 1.0  # threshold 0 keeps every keypoint
    total = sum(v for k, v in losses.items() if 'loss' in k)
    total.backward()
    for student in (model.student_a, model.student_b):
        grads = [p.grad for p in student.backbone.parameters()]
        assert all(g is not None for g in grads)
        assert sum(g.abs().sum() for g in grads) > 0


@pytest.mark.parametrize('pool_members', ['aggregated', 'views'])
def test_unsup_loss_alone_reaches_both_students_through_hard_view(
        pool_members):
    model = build(sup_weight=0.0, pool_members=pool_members)
    model.train()
    data = model.data_preprocessor(samples(num_labeled=0), training=True)
    losses = model(**data, mode='loss')
    assert 'sup_a_loss_kpt' not in losses
    assert 0 < losses['unsup_a_kept'] <= 1
    (losses['unsup_a_loss_kpt'] + losses['unsup_b_loss_kpt']).backward()
    for student in (model.student_a, model.student_b):
        assert student.head.final_layer.weight.grad.abs().sum() > 0


def test_threshold_above_every_peak_keeps_nothing():
    model = build(threshold=2.0)
    model.train()
    data = model.data_preprocessor(samples(num_labeled=0), training=True)
    losses = model(**data, mode='loss')
    assert losses['unsup_a_kept'] == 0 and losses['unsup_a_loss_kpt'] == 0


def test_warmup_weight_zero_skips_the_unlabeled_branch():
    model = build(unsup_weight=0.0)
    data = model.data_preprocessor(samples(), training=True)
    losses = model(**data, mode='loss')
    assert not any(k.startswith('unsup') for k in losses)


def test_mapped_back_views_agree_for_an_equivariant_student():
    """A student that outputs a Gaussian at a fixed image point (a bright
    dot) must give the same easy-frame peak through every view."""
    model = build()
    w_in, h_in = INPUT_SIZE
    point = np.array([30.0, 40.0])  # easy-view pixels

    def dot_student(inputs):
        # the brightest pixel of each view image, as a heatmap peak
        gray = inputs.mean(dim=1)
        idx = gray.flatten(1).argmax(dim=1)
        xy = torch.stack([idx % w_in, idx // w_in], dim=-1).float()
        xy = xy * 12 / w_in
        return render_gaussians(xy[:, None].expand(-1, 17, -1), (12, 16), 1.0)

    model.student_heatmaps = lambda student, inputs: dot_student(inputs)
    img = np.zeros((64, 48, 3), np.float32)
    views = []
    matrices = np.stack([
        np.eye(3)[:2],
        np.array([[-1., 0., w_in - 1.], [0., 1., 0.]]),
        np.array([[1., 0., 4.], [0., 1., -8.]]),
    ])
    for m in matrices:
        p = m[:, :2] @ point + m[:, 2]
        v = img.copy()
        v[int(round(p[1])), int(round(p[0]))] = 255
        views.append(torch.from_numpy(v).permute(2, 0, 1))
    from mmpose.structures import PoseDataSample
    sample = PoseDataSample(metainfo=dict(
        view_matrices=matrices, view_flipped=np.array([False, True, False]),
        flip_indices=FLIP_INDICES))
    mapped = model.mapped_back_views(None, torch.stack(views)[None], [sample])
    _, peaks = heatmap_peaks(mapped[:, 0])  # (V, 17, 2)
    expected = torch.tensor(point * 12 / w_in, dtype=torch.float32)
    assert (peaks - expected).norm(dim=-1).max() < 0.5


def test_predict_a_b_ensemble_and_all():
    model = build(predict_on='all')
    model.eval()
    batch = samples(num_labeled=2, num_unlabeled=0)
    plain = dict(inputs=batch['inputs']['sup'],
                 data_samples=batch['data_samples']['sup'])
    data = model.data_preprocessor(plain, training=False)
    with torch.no_grad():
        results = model(**data, mode='predict')
    for name in ('a', 'b', 'ensemble'):
        assert results[0].get(f'pred_instances_{name}').keypoints.shape == (
            1, 17, 2)
    kpts = {}
    for name in ('a', 'b', 'ensemble'):
        model.predict_on = name
        with torch.no_grad():
            out = model(**model.data_preprocessor(
                copy.deepcopy(plain), training=False), mode='predict')
        kpts[name] = out[0].pred_instances.keypoints
    np.testing.assert_allclose(
        results[0].pred_instances_ensemble.keypoints, kpts['ensemble'])
    np.testing.assert_allclose(results[0].pred_instances_a.keypoints,
                               kpts['a'])
    assert not np.allclose(kpts['a'], kpts['b'])  # two different students
    with pytest.raises(ValueError, match='predict_on'):
        build(predict_on='c')


def test_plain_mmpose_checkpoint_loads_into_both_students(tmp_path):
    plain = MODELS.build(STUDENT)
    plain.init_weights()
    ckpt = str(tmp_path / 'plain.pth')
    save_checkpoint(dict(state_dict=plain.state_dict(),
                         meta=dict(np_value=np.float64(1.0))), ckpt)
    student = dict(STUDENT, init_cfg=dict(type='Pretrained', checkpoint=ckpt))
    model = build(student=student)
    for name, value in plain.state_dict().items():
        torch.testing.assert_close(model.student_a.state_dict()[name], value)
        torch.testing.assert_close(model.student_b.state_dict()[name], value)


def test_joint_cutout_gives_each_student_its_own_cut_hard_view():
    model = build(joint_cutout=dict(num_joints=5, size=0.2))
    model.train()
    data = model.data_preprocessor(samples(num_labeled=0), training=True)
    hard = data['inputs']['unsup_hard']
    seen = []
    original = model.student_heatmaps

    def record(student, inputs):
        if inputs.shape == hard.shape:
            seen.append(inputs)
        return original(student, inputs)

    model.student_heatmaps = record
    losses = model(**data, mode='loss')
    assert torch.isfinite(losses['unsup_a_loss_kpt'])
    cut_a, cut_b = seen  # the hard views the students learned on
    for cut in (cut_a, cut_b):
        hidden = (cut == 0).all(dim=1) & (hard != 0).any(dim=1)
        assert hidden.any()
        assert torch.equal(cut[:, :, ~hidden[0]][0], hard[0][:, ~hidden[0]])
    assert not torch.equal(cut_a, cut_b)


@pytest.mark.parametrize('mode,pool_members', [
    ('min_uncertainty', 'aggregated'), ('one_way', 'aggregated'),
    ('min_uncertainty', 'views')])
def test_pseudo_keypoints_land_on_the_image_point(mode, pool_members):
    """Through random easy views (rotation, scale, flip) and pseudo-label
    views (identity, flip, rotation), a student that puts every keypoint on
    the brightest pixel gives pseudo-keypoints on that pixel of the original
    image; with 'one_way', student A teaches (equal uncertainties) and the
    keypoints are B's targets; with a pool of views, each view's own peak
    lands there too."""
    model = build(threshold=0.5, pool_members=pool_members,
                  selector=dict(type='UncertaintySelector', mode=mode))
    w_in, h_in = INPUT_SIZE
    point = np.array([37., 52.])  # original-image pixels, inside the box

    def dot_student(inputs):
        gray = inputs.mean(dim=1)
        idx = gray.flatten(1).argmax(dim=1)
        xy = torch.stack([idx % w_in, idx // w_in], dim=-1).float()
        return render_gaussians((xy * 12 / w_in)[:, None].expand(-1, 17, -1),
                                (12, 16), 1.0)

    model.student_heatmaps = lambda student, inputs: dot_student(inputs)
    np.random.seed(1)
    aug = MultiViewAugment(
        input_size=INPUT_SIZE, sup_pipeline=[],
        easy=dict(rotate_factor=30., rotate_prob=1., scale_factor=0.25,
                  flip_prob=0.5),
        views=[dict(), dict(flip=True), dict(rotate=20.)])
    img = np.zeros((100, 80, 3), np.uint8)
    x, y = point.astype(int)
    img[y - 1:y + 2, x - 1:x + 2] = 255
    batch = pseudo_collate([
        aug(dict(img=img, bbox_center=np.array([[40., 50.]]),
                 bbox_scale=np.array([[60., 80.]]),
                 flip_indices=FLIP_INDICES, id=i, img_id=0, unlabeled=True))
        for i in range(6)])
    data = model.data_preprocessor(batch, training=False)
    samples = data['data_samples']['unsup']
    assert len({s.metainfo['easy_matrix'].tobytes() for s in samples}) == 6
    out = model.pseudo_keypoints(data['inputs']['unsup_views'], samples)
    assert out['kept'].all()
    error = (out['keypoints'] - torch.tensor(point).float()).norm(dim=-1)
    assert error.max() < 1.5, error.max()
    assert (out['scores'] > 0.5).all()
    assert out['uncertainty'].shape == (6, 17)


@pytest.mark.parametrize('selector', [
    dict(type='UncertaintySelector', mode='stability',
         stable_uncertainty=1.0),
    dict(type='UncertaintySelector', mode='one_way')
])
def test_two_student_rules_train_both_students(selector):
    torch.manual_seed(0)
    model = build(selector=selector)
    model.train()
    identity = dict(rotate_prob=0., scale_factor=0.)
    data = model.data_preprocessor(samples(hard=identity), training=True)
    losses = model(**data, mode='loss')
    # every keypoint kept and stable (bound 1.0): each keypoint teaches
    # somebody, so the two students' kept shares add up to one or more
    assert losses['unsup_a_kept'] + losses['unsup_b_kept'] >= 1.0
    (losses['unsup_a_loss_kpt'] + losses['unsup_b_loss_kpt']).backward()
    for student in (model.student_a, model.student_b):
        assert student.head.final_layer.weight.grad.abs().sum() > 0


def test_ema_teachers_make_the_pseudo_labels():
    model = build(teacher_momentum=0.9)
    assert not any(p.requires_grad for p in model.teacher_a.parameters())
    # before the first update the students make their own pseudo-labels
    assert model.pseudo_labelers['a'] is model.student_a
    model.update_teachers()  # the first update copies the students
    for s, t in zip(model.student_b.parameters(),
                    model.teacher_b.parameters()):
        assert torch.equal(s, t)
    assert model.pseudo_labelers['b'] is model.teacher_b
    before = [p.clone() for p in model.teacher_a.parameters()]
    with torch.no_grad():
        for p in model.student_a.parameters():
            p.add_(1.0)
    model.update_teachers()
    for t, old in zip(model.teacher_a.parameters(), before):
        torch.testing.assert_close(t, old + 0.1)  # 0.9 * t + 0.1 * (t + 1)

    # the unlabeled loss reads the teachers' heatmaps, not the students'
    called = []
    original = model.student_heatmaps

    def spy(student, inputs):
        called.append(student)
        return original(student, inputs)

    model.student_heatmaps = spy
    model.train()
    data = model.data_preprocessor(samples(), training=True)
    model(**data, mode='loss')
    views = [m for m in called if m in (model.teacher_a, model.teacher_b)]
    assert views == [model.teacher_a, model.teacher_b]
    # the buffer travels with checkpoints: a resumed run keeps its teachers
    assert model.state_dict()['teachers_ready'].item() is True
    assert any(k.startswith('teacher_a.') for k in model.state_dict())


def test_frozen_teachers_keep_the_first_copy():
    """``teacher_momentum=1.0``: the teachers copy the students once, then
    stay, parameters and BN statistics alike, however the students move."""
    model = build(teacher_momentum=1.0)
    model.update_teachers()
    start = {k: v.clone() for k, v in model.teacher_a.state_dict().items()}
    with torch.no_grad():
        for p in model.student_a.parameters():
            p.add_(1.0)
        for b in model.student_a.buffers():
            if b.is_floating_point():
                b.add_(1.0)
    model.update_teachers()
    for key, value in model.teacher_a.state_dict().items():
        assert torch.equal(value, start[key]), key
    assert model.pseudo_labelers['a'] is model.teacher_a
    with pytest.raises(ValueError, match=r'teacher_momentum must be in'):
        build(teacher_momentum=1.5)


@pytest.mark.parametrize('teacher_eval', [False, True])
def test_eval_teachers_label_with_their_running_statistics(teacher_eval):
    """``teacher_eval``: in a training step the teachers predict with the
    BN statistics they were trained with, not those of the batch of views,
    and their running statistics stay; the students train as before."""
    model = build(teacher_momentum=1.0, teacher_eval=teacher_eval)
    model.update_teachers()
    model.train()
    assert model.student_a.training and model.student_b.training
    assert all(m.training != teacher_eval for teacher in (
        model.teacher_a, model.teacher_b) for m in teacher.modules())
    data = model.data_preprocessor(samples(), training=True)
    views = data['inputs']['unsup_views']
    unsup = data['data_samples']['unsup']
    frozen = copy.deepcopy(model.teacher_a).eval()
    start = {k: v.clone() for k, v in model.teacher_a.state_dict().items()}
    labels = model.pseudo_label_views(views, unsup)[0]
    expected = model.mapped_back_views(frozen, views, unsup)
    assert torch.allclose(labels, expected, atol=1e-6) == teacher_eval
    model(**data, mode='loss')
    moved = [k for k, v in model.teacher_a.state_dict().items()
             if not torch.equal(v, start[k])]
    assert (moved == []) == teacher_eval
    with pytest.raises(ValueError, match=r'teacher_eval=True needs teachers'):
        build(teacher_eval=True)


@pytest.mark.parametrize('peak_value,expected', [('aggregated', 0.6),
                                                 ('max_view', 0.9)])
def test_mean_location_with_the_max_views_confidence(peak_value, expected):
    """With ``peak_value='max_view'`` the mean gives the location and the
    highest view peak the confidence: the threshold (0.7) and the refined
    Gaussian's height see 0.9, not the mean's 0.6."""
    model = build(aggregation='mean', peak_value=peak_value)
    size = (12, 16)
    point = torch.tensor([[[5.3, 6.7]]])  # (N=1, K=1, 2)
    views = torch.stack([render_gaussians(point, size, 1.0) * 0.9,
                         render_gaussians(point, size, 1.0) * 0.3])
    mapped = torch.stack([views, views])  # (2 students, V=2, 1, 1, h, w)
    identity = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    pool = model.pseudo_label_pool(mapped, identity, threshold=0.7)
    assert torch.allclose(pool['peaks'][:, 0, 0], point[0, 0], atol=0.01)
    # c is the highest heatmap pixel: 0.3 px off the point in x and y
    c = float(expected * np.exp(-0.09))
    assert torch.allclose(pool['scores'][:, 0, 0], torch.tensor([c] * 2),
                          atol=1e-4)
    assert pool['keep'][:, 0, 0].tolist() == [c > 0.7] * 2
    # the refined Gaussian is rendered at the mean's peak with height c
    assert torch.allclose(pool['targets'][:, 0, 0],
                          render_gaussians(point, size, 1.0)[0, 0] * c,
                          atol=1e-3)


@pytest.mark.parametrize('target_height', ['confidence', 'one'])
def test_target_height_sets_the_refined_gaussians_height(target_height):
    """The refined target peaks at the confidence c (0.8 here) or at 1; the
    confidence, the threshold and the kept flags do not change."""
    model = build(target_height=target_height)
    size = (12, 16)
    point = torch.tensor([[[5.0, 6.0]]])  # on a pixel: the peak is 0.8
    views = torch.stack([render_gaussians(point, size, 1.0) * 0.8] * 2)
    mapped = torch.stack([views, views])  # (2 students, V=2, 1, 1, h, w)
    identity = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    pool = model.pseudo_label_pool(mapped, identity, threshold=0.7)
    assert torch.allclose(pool['scores'][:, 0, 0], torch.tensor([0.8] * 2))
    assert pool['keep'][:, 0, 0].tolist() == [True, True]
    height = 0.8 if target_height == 'confidence' else 1.0
    expected = render_gaussians(point, size, model.sigma)[0, 0] * height
    assert torch.allclose(pool['targets'][:, 0, 0], expected, atol=1e-4)


def test_unknown_target_height_is_refused():
    with pytest.raises(ValueError, match='target_height'):
        build(target_height='max')


def test_unknown_peak_value_is_refused():
    with pytest.raises(ValueError, match='peak_value'):
        build(peak_value='median')


def near_and_far_views():
    """Student A's two views agree at (4, 6); B's first view is there too,
    its second 3 px to the right. Returns the mapped views (2, V=2, 1, 1,
    16, 12) and an identity target frame (1, 2, 3)."""
    point = torch.tensor([[[4., 6.]]])
    near = render_gaussians(point, (12, 16), 1.0)
    far = render_gaussians(point + torch.tensor([3., 0.]), (12, 16), 1.0)
    mapped = torch.stack([torch.stack([near, near]),
                          torch.stack([near, far])])
    return mapped, torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])


@pytest.mark.parametrize('uncertainty,expected_a,expected_b', [
    # A's views agree, so its own std is 0; B's two views are 3 px apart
    ('view_std', 0.0, (1 - np.exp(-4.5)) / 2),
    # against the peer's aggregate: A's views miss B's second peak
    # entirely, B's views miss A's peak with one view of two
    ('disagreement', 1 - np.exp(-4.5), (1 - np.exp(-4.5)) / np.sqrt(2)),
])
def test_view_std_and_cross_student_uncertainty(uncertainty, expected_a,
                                                expected_b):
    model = build(uncertainty=uncertainty)  # max aggregation
    pool = model.pseudo_label_pool(*near_and_far_views(), threshold=0.5)
    assert pool['uncertainty'][:, 0, 0].tolist() == pytest.approx(
        [expected_a, expected_b], abs=1e-4)
    # so the selection hands both students A's member with the view std
    # and B's with the cross-student uncertainty
    _, _, choice = model.selector.select(pool['targets'], pool['keep'],
                                         pool['uncertainty'], 0)
    assert choice.item() == (0 if uncertainty == 'view_std' else 1)


def test_views_pool_holds_each_view_of_each_student():
    """With ``pool_members='views'`` every mapped-back view is a member of
    its own (student-major), its uncertainty the disagreement of that view
    alone with the peer's aggregate: here only B's first view matches A's
    aggregate exactly, so both students get it and B's far view is left."""
    model = build(pool_members='views')  # max aggregation, disagreement
    pool = model.pseudo_label_pool(*near_and_far_views(), threshold=0.5)
    missed = 1 - np.exp(-4.5)  # B's aggregate peaks where A's views do not
    assert pool['uncertainty'][:, 0, 0].tolist() == pytest.approx(
        [missed, missed, 0.0, missed], abs=1e-4)
    assert pool['targets'].shape == (4, 1, 1, 16, 12)
    torch.testing.assert_close(pool['peaks'][:, 0, 0],
                               torch.tensor([[4., 6.], [4., 6.], [4., 6.],
                                             [7., 6.]]), atol=1e-3,
                               rtol=0)
    # the students' aggregated peaks stay per student (joint cutout and
    # the agreement statistic)
    assert pool['aggregated_peaks'].shape == (2, 1, 1, 2)
    pred = torch.zeros(1, 1, 16, 12)
    for student, own in ((0, 0.0), (1, 1.0)):
        target, _, choice = model.selector.select(
            pool['targets'], pool['keep'], pool['uncertainty'], student)
        assert choice.item() == 2
        torch.testing.assert_close(target, pool['targets'][2])
        _, stats = model.selector(pred, pool['targets'], pool['keep'],
                                  pool['uncertainty'], student)
        assert stats['own'].item() == own


def test_views_pool_needs_the_cross_student_uncertainty():
    with pytest.raises(ValueError, match='pool_members="views"'):
        build(pool_members='views', uncertainty='view_std')
    with pytest.raises(ValueError, match='pool_members'):
        build(pool_members='each')


def agreeing_and_disagreeing_views():
    """Two keypoints of one sample, two views per student. Keypoint 0: both
    students peak at (4, 6) with 0.8, as broad blobs (sigma 2, so raw and
    refined targets differ). Keypoint 1: A peaks at (4, 6), B 3 px to the
    right, both 0.9, broad too. Returns mapped views (2, V=2, 1, 2, 16,
    12) and the first view of each student (2, 1, 2, 16, 12)."""
    size = (12, 16)
    point = torch.tensor([[[4., 6.]]])
    blob = render_gaussians(point, size, 2.0)[0, 0] * 0.8
    near = render_gaussians(point, size, 2.0)[0, 0] * 0.9
    far = render_gaussians(point + torch.tensor([3., 0.]), size,
                           2.0)[0, 0] * 0.9
    first = torch.stack([torch.stack([blob, near])[None],
                         torch.stack([blob, far])[None]])
    mapped = torch.stack([first, first], dim=1)
    return mapped, first


@pytest.mark.parametrize('shift', [(0., 0.), (2., 1.)])
def test_raw_where_agreed_keeps_the_raw_view_only_where_students_agree(
        shift):
    """Where the students' aggregated peaks lie within sigma the target is
    the student's first view, raw, moved into the target frame; elsewhere
    the refined Gaussian; the kept flags are those of the refined pool."""
    mapped, first = agreeing_and_disagreeing_views()
    to_target = torch.tensor([[[1., 0., shift[0]], [0., 1., shift[1]]]])
    ours = build().pseudo_label_pool(mapped, to_target, threshold=0.5)
    model = build(raw_where_agreed=True)
    pool = model.pseudo_label_pool(mapped, to_target, threshold=0.5)
    assert pool['keep'].tolist() == ours['keep'].tolist() == [[[True] * 2]] * 2
    # the agreement that switches the targets (and is logged)
    assert pool['agreed'].tolist() == [[True, False]]
    for student in (0, 1):
        # agreed keypoint 0: the raw blob, its peak moved by the shift
        value, peak = heatmap_peaks(pool['targets'][student][:, :1])
        assert value.item() == pytest.approx(0.8, abs=0.02)
        assert peak[0, 0].tolist() == pytest.approx(
            [4. + shift[0], 6. + shift[1]], abs=0.05)
        if shift == (0., 0.):
            torch.testing.assert_close(pool['targets'][student][0, 0],
                                       first[student, 0, 0])
        assert not torch.allclose(pool['targets'][student][0, 0],
                                  ours['targets'][student][0, 0], atol=1e-2)
        # disagreeing keypoint 1: the refined Gaussian, as ours
        torch.testing.assert_close(pool['targets'][student][0, 1],
                                   ours['targets'][student][0, 1])
        assert not torch.allclose(ours['targets'][student][0, 1],
                                  first[student, 0, 1], atol=1e-2)


def test_raw_where_agreed_needs_refined_aggregated_members():
    with pytest.raises(ValueError, match='raw_where_agreed'):
        build(raw_where_agreed=True, refine=False)
    with pytest.raises(ValueError, match='raw_where_agreed'):
        build(raw_where_agreed=True, pool_members='views')


@pytest.mark.parametrize('pool_members', ['aggregated', 'views'])
def test_agreement_gate_drops_keypoints_the_students_disagree_on(
        pool_members):
    """Keypoint 0: both students at (4, 6); keypoint 1: B 3 px to the right
    of A (sigma is 1): both kept by tau 0.5 alone, only keypoint 0 with the
    gate, in every member; the targets themselves do not change."""
    mapped, _ = agreeing_and_disagreeing_views()
    identity = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    plain = build(pool_members=pool_members).pseudo_label_pool(
        mapped, identity, threshold=0.5)
    gated = build(pool_members=pool_members,
                  agreement_gate=True).pseudo_label_pool(
                      mapped, identity, threshold=0.5)
    members = plain['keep'].shape[0]
    assert members == (2 if pool_members == 'aggregated' else 4)
    assert plain['keep'].tolist() == [[[True, True]]] * members
    assert gated['keep'].tolist() == [[[True, False]]] * members
    torch.testing.assert_close(gated['targets'], plain['targets'])
    # a weak keypoint stays dropped where the students agree
    weak = build(agreement_gate=True).pseudo_label_pool(
        mapped, identity, threshold=0.85)
    assert weak['keep'].tolist() == [[[False, False]]] * 2


def test_pair_mean_pool_gives_both_students_the_pairs_mean():
    """Keypoint 0: both students at (4, 6) with 0.8, so the mean is there
    with 0.8. Keypoint 1: the students 3 px apart (sigma-2 blobs of 0.9),
    so the mean peaks midway, at (5.5, 6); its highest pixels, 1 and 2
    px from the two centres, hold 0.67: below a tau of 0.7, where each
    student's own map would be kept."""
    mapped, _ = agreeing_and_disagreeing_views()
    identity = torch.tensor([[[1., 0., 0.], [0., 1., 0.]]])
    pool = build(pool_members='pair_mean').pseudo_label_pool(
        mapped, identity, threshold=0.7)
    midway = 0.9 * (np.exp(-1 / 8) + np.exp(-4 / 8)) / 2
    for member in (0, 1):
        assert pool['scores'][member, 0].tolist() == pytest.approx(
            [0.8, midway], abs=1e-3)
        torch.testing.assert_close(pool['peaks'][member, 0],
                                   torch.tensor([[4., 6.], [5.5, 6.]]),
                                   atol=0.05, rtol=0)
        assert pool['keep'][member, 0].tolist() == [True, False]
    torch.testing.assert_close(pool['targets'][0], pool['targets'][1])
    # the students' own aggregates keep their peaks (cutout, agreement)
    torch.testing.assert_close(pool['aggregated_peaks'][:, 0, 1],
                               torch.tensor([[4., 6.], [7., 6.]]),
                               atol=0.05, rtol=0)
    own = build().pseudo_label_pool(mapped, identity, threshold=0.7)
    assert own['keep'][:, 0, 1].tolist() == [True, True]


def test_pair_mean_pool_needs_the_aggregated_peak_value():
    with pytest.raises(ValueError, match='pair_mean'):
        build(pool_members='pair_mean', peak_value='max_view')
