import cv2
import numpy as np
import pytest

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


def make_augment():
    return MultiViewAugment(
        input_size=INPUT_SIZE, sup_pipeline=[dict(type='PackPoseInputs')],
        easy=dict(rotate_factor=30., rotate_prob=1.0, scale_factor=0.25,
                  flip_prob=0.5),
        hard=dict(rotate_factor=30., rotate_prob=1.0, scale_factor=0.25),
        views=VIEWS)


@pytest.mark.parametrize('seed', range(4))
def test_matrices_send_a_dot_where_each_view_shows_it(seed):
    np.random.seed(seed)
    point = np.array([110., 105.])
    out = make_augment()(unlabeled_results(dot_image(110, 105)))
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
