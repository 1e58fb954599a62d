import cv2
import numpy as np
import pytest
from mmpose.registry import TRANSFORMS

from semipose.datasets.transforms import MultiViewAugment
from semipose.datasets.transforms.multi_view_augment import compose_affine

INPUT_SIZE = (96, 128)
VIEWS = [
    dict(), dict(flip=True), dict(rotate=30.), dict(rotate=-20., scale=1.2)
]
FLIP_INDICES = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]


def dot_image(x, y):
    img = np.zeros((240, 200, 3), dtype=np.uint8)
    cv2.circle(img, (x, y), 3, (255, 255, 255), -1)
    return img


def bright_centroid(img):
    gray = img[..., 0].astype(np.float64)
    gray[gray < 60] = 0
    ys, xs = np.mgrid[:gray.shape[0], :gray.shape[1]]
    return np.array([(xs * gray).sum(), (ys * gray).sum()]) / gray.sum()


def apply(matrix, point):
    return matrix[:, :2] @ point + matrix[:, 2]


def unlabeled_results(img):
    return dict(img=img, bbox_center=np.array([[100., 120.]]),
                bbox_scale=np.array([[120., 160.]]), flip_indices=FLIP_INDICES,
                unlabeled=True, id=7, img_id=3, img_path='x.jpg')


# the synthetic configs' labeled crops (RandomBBoxTransform(rotate_factor=30,
# scale_factor=(0.75, 1.25)) and its default shift), drawn as mmpose does
LABELED_DRAW = dict(sampling='truncated_normal', rotate_factor=30.,
                    rotate_prob=0.6, scale_factor=0.25, shift_factor=0.16,
                    shift_prob=0.3)


def make_augment(sampling='clipped_normal', shift_prob=0.):
    draw = dict(sampling=sampling, rotate_factor=30., rotate_prob=1.0,
                scale_factor=0.25, shift_factor=0.16, shift_prob=shift_prob)
    return MultiViewAugment(
        input_size=INPUT_SIZE, sup_pipeline=[dict(type='PackPoseInputs')],
        easy=dict(draw, flip_prob=0.5), hard=draw, views=VIEWS)


@pytest.mark.parametrize('seed', range(4))
@pytest.mark.parametrize('sampling,shift_prob', [('clipped_normal', 0.),
                                                 ('truncated_normal', 1.)])
def test_matrices_send_a_dot_where_each_view_shows_it(seed, sampling,
                                                      shift_prob):
    np.random.seed(seed)
    point = np.array([110., 105.])
    out = make_augment(sampling, shift_prob)(
        unlabeled_results(dot_image(110, 105)))
    sample = out['data_samples']['unsup']
    assert out['inputs']['sup'] is None and out['data_samples']['sup'] is None
    views = out['inputs']['unsup_views'].numpy().transpose(0, 2, 3, 1)
    assert views.shape == (len(VIEWS), 128, 96, 3)
    easy_point = apply(sample.easy_matrix, point)
    for view, matrix in zip(views, sample.view_matrices):
        expected = apply(matrix, easy_point)
        assert np.linalg.norm(bright_centroid(view) - expected) < 0.5
    hard = out['inputs']['unsup_hard'].numpy().transpose(1, 2, 0)
    expected = apply(sample.hard_matrix, easy_point)
    assert np.linalg.norm(bright_centroid(hard) - expected) < 0.5
    assert sample.view_flipped.tolist() == [False, True, False, False]


def test_identity_and_flip_views_are_pixel_aligned():
    np.random.seed(0)
    img = np.random.randint(0, 255, (240, 200, 3), dtype=np.uint8)
    results = unlabeled_results(img)
    out = make_augment()(results)
    sample = out['data_samples']['unsup']
    views = out['inputs']['unsup_views'].numpy().transpose(0, 2, 3, 1)
    easy = cv2.warpAffine(img, compose_affine(sample.view_matrices[0],
                                              sample.easy_matrix),
                          INPUT_SIZE, flags=cv2.INTER_LINEAR)
    np.testing.assert_array_equal(views[0], easy)
    # the flip view is the identity view mirrored, x' = w - 1 - x
    diff = np.abs(views[1].astype(int) - views[0][:, ::-1].astype(int))
    assert diff.mean() < 1.0


def test_labeled_sample_feeds_only_sup():
    aug = make_augment()
    results = dict(img=np.zeros((240, 200, 3), np.uint8),
                   bbox_center=np.array([[100., 120.]]),
                   bbox_scale=np.array([[120., 160.]]),
                   flip_indices=FLIP_INDICES)
    out = MultiViewAugment(
        input_size=INPUT_SIZE,
        sup_pipeline=[dict(type='TopdownAffine', input_size=INPUT_SIZE),
                      dict(type='PackPoseInputs')])(results)
    assert tuple(out['inputs']['sup'].shape) == (3, 128, 96)
    assert out['inputs']['unsup_hard'] is None
    assert out['inputs']['unsup_views'] is None
    assert out['data_samples']['unsup'] is None
    text = repr(aug)
    assert 'views=' in text and "'rotate': 30.0" in text and 'hard=' in text


def test_unknown_view_key_is_refused():
    with pytest.raises(ValueError, match=r"views\[1\].*'shear'"):
        MultiViewAugment(input_size=INPUT_SIZE, sup_pipeline=[],
                         views=[dict(), dict(shear=3)])


def rotation_scale_shift(matrix, input_size=INPUT_SIZE):
    """Rotation (deg, unsigned), scale and shift (share of the view's size)
    of a hard matrix: a rotation/scale about the view's centre, then a
    translation."""
    w, h = input_size
    scale = np.hypot(*matrix[:, 0])
    rotate = abs(np.degrees(np.arctan2(matrix[1, 0], matrix[0, 0])))
    centre = np.array([(w - 1) / 2, (h - 1) / 2])
    shift = (apply(matrix, centre) - centre) / np.array([w, h])
    return rotate, scale, shift


def test_truncated_normal_hard_view_draws_as_the_labeled_pipeline():
    """The hard view drawn with ``LABELED_DRAW`` rotates, scales and
    shifts as mmpose's RandomBBoxTransform moves the labeled crops."""
    aug = MultiViewAugment(input_size=INPUT_SIZE, sup_pipeline=[],
                           hard=LABELED_DRAW)
    np.random.seed(0)
    draws = np.array([
        np.concatenate([[r, s], t]) for r, s, t in (
            rotation_scale_shift(aug._unlabeled_views(unlabeled_results(
                np.zeros((240, 200, 3), np.uint8)))['data_samples']
                ['unsup'].hard_matrix) for _ in range(2000))])
    bbox = TRANSFORMS.build(dict(type='RandomBBoxTransform',
                                 rotate_factor=30., scale_factor=(0.75, 1.25)))
    labeled = []
    for _ in range(2000):
        out = bbox(dict(bbox_center=np.array([[100., 120.]]),
                        bbox_scale=np.array([[100., 100.]])))
        labeled.append([abs(out['bbox_rotation'][0]),
                        out['bbox_scale'][0, 0] / 100.,
                        *(out['bbox_center'][0] - [100., 120.]) / 100.])
    labeled = np.array(labeled)
    assert draws[:, 0].max() <= 30. and draws[:, 1].min() >= 0.75
    assert np.abs(draws[:, 2:]).max() <= 0.16 + 1e-9
    # rotated and shifted as often, by as much (2000 draws each)
    assert abs((draws[:, 0] > 0.01).mean() - 0.6) < 0.04
    assert abs((np.abs(draws[:, 2]) > 1e-6).mean() - 0.3) < 0.04
    for column, tolerance in ((0, 1.0), (1, 0.01), (2, 0.005)):
        assert abs(draws[:, column].std() - labeled[:, column].std()) < \
            tolerance, column
    # PoseDual's clipped normal (the default) rotates about 1.6 times as
    # far at the same probability
    wide = MultiViewAugment(input_size=INPUT_SIZE, sup_pipeline=[],
                            hard=dict(rotate_factor=30., rotate_prob=0.6,
                                      scale_factor=0.25))
    rotations = [rotation_scale_shift(wide._unlabeled_views(
        unlabeled_results(np.zeros((240, 200, 3), np.uint8)))
        ['data_samples']['unsup'].hard_matrix)[0] for _ in range(2000)]
    assert np.mean(rotations) > 1.4 * draws[:, 0].mean()


@pytest.mark.parametrize('easy,hard,match', [
    (dict(shear=1.), dict(), r"easy has unknown keys \['shear'\]"),
    (dict(), dict(flip_prob=0.5), r"hard has unknown keys \['flip_prob'\]"),
    (dict(sampling='uniform'), dict(), r'easy.sampling must be one of'),
])
def test_bad_random_view_config_is_refused(easy, hard, match):
    with pytest.raises(ValueError, match=match):
        MultiViewAugment(input_size=INPUT_SIZE, sup_pipeline=[], easy=easy,
                         hard=hard)
