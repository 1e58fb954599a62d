"""Named views of one sample for dual-student semi-supervised training."""
from typing import Dict, List, Sequence

import cv2
import numpy as np
import torch
from mmcv.transforms import BaseTransform, Compose
from mmpose.datasets.transforms import TopdownAffine
from mmpose.registry import TRANSFORMS
from mmpose.structures import PoseDataSample
from mmpose.structures.bbox import get_warp_matrix
from scipy.stats import truncnorm

BRANCH_INPUTS = ('sup', 'unsup_hard', 'unsup_views')
BRANCH_SAMPLES = ('sup', 'unsup')
# how a view's random rotation, scale and shift are drawn
SAMPLINGS = ('clipped_normal', 'truncated_normal')
RANDOM_KEYS = {'rotate_factor', 'rotate_prob', 'scale_factor',
               'shift_factor', 'shift_prob', 'sampling'}


def _homogeneous(matrix: np.ndarray) -> np.ndarray:
    return np.concatenate([matrix, [[0., 0., 1.]]], axis=0)


def compose_affine(outer: np.ndarray, inner: np.ndarray) -> np.ndarray:
    """``outer ∘ inner`` for 2x3 affine matrices."""
    return (_homogeneous(outer) @ _homogeneous(inner))[:2]


def flip_matrix(width: int) -> np.ndarray:
    """Horizontal flip of an image of ``width`` pixels, as mmpose's
    ``RandomFlip`` flips keypoints: ``x' = width - 1 - x``."""
    return np.array([[-1., 0., width - 1.], [0., 1., 0.]])


def _to_tensor(img: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)))


@TRANSFORMS.register_module()
class MultiViewAugment(BaseTransform):
    """Make the named views of one labeled or unlabeled sample.

    A labeled sample runs through ``sup_pipeline`` (a stock mmpose top-down
    pipeline ending with ``PackPoseInputs``) and feeds the ``sup`` branch.
    An unlabeled sample (``results['unlabeled']`` is True, as set by
    :class:`UnlabeledCocoDataset`) gets:

    * an easy view: a random rotation/scale/flip of its box, the frame in
      which pseudo-heatmaps live;
    * a hard view: a further random rotation/scale of the easy view, in
      which the students learn from pseudo-heatmaps (``unsup_hard``);
    * K pseudo-label views (``unsup_views``), fixed transforms of the easy
      view such as identity, flip and rotations.

    Every view is warped from the original image in one step; its 2x3 matrix
    from easy-view pixels to its own pixels (flip included) is recorded in
    the ``unsup`` data sample as ``hard_matrix`` (2, 3), ``view_matrices``
    (K, 2, 3) and ``view_flipped`` (K, ). Branches a sample does not feed are
    ``None``.

    Required keys: ``img``, ``bbox_center``, ``bbox_scale`` (from
    ``GetBBoxCenterScale``), ``flip_indices``.

    Args:
        input_size (tuple): ``(w, h)`` of every view.
        sup_pipeline (list): transforms of labeled samples.
        easy (dict): ``rotate_factor`` (deg), ``rotate_prob``,
            ``scale_factor``, ``shift_factor`` (a share of the view's size),
            ``shift_prob`` and ``flip_prob``; ``sampling`` says how the
            factors are used: ``'clipped_normal'`` (default; PoseDual's
            views): rotation ~ N(0, rotate_factor) clipped at 2x, scale ~
            N(1, scale_factor) clipped to 1 +- scale_factor, shift ~
            N(0, shift_factor) clipped at 2x; ``'truncated_normal'``: a
            standard normal truncated to [-1, 1] times each factor, as
            mmpose's ``RandomBBoxTransform`` draws the labeled crops
            (``rotate_factor=30, scale_factor=0.25, shift_factor=0.16,
            shift_prob=0.3, rotate_prob=0.6`` is the synthetic configs'
            labeled pipeline).
        hard (dict): the same keys but ``flip_prob``, applied on top of the
            easy view.
        views (list[dict]): pseudo-label views, each with optional
            ``rotate`` (deg), ``scale`` and ``flip``. Defaults to identity
            and flip.
    """

    def __init__(self,
                 input_size: Sequence[int],
                 sup_pipeline: List[Dict],
                 easy: Dict = dict(
                     rotate_factor=30., rotate_prob=0.6, scale_factor=0.25,
                     flip_prob=0.5),
                 hard: Dict = dict(
                     rotate_factor=30., rotate_prob=0.8, scale_factor=0.25),
                 views: Sequence[Dict] = (dict(), dict(flip=True))):
        super().__init__()
        self.input_size = tuple(int(v) for v in input_size)
        self.sup_pipeline = Compose(sup_pipeline)
        for name, cfg, allowed in (('easy', easy, RANDOM_KEYS | {'flip_prob'}),
                                   ('hard', hard, RANDOM_KEYS)):
            unknown = set(cfg) - allowed
            if unknown:
                raise ValueError(f'MultiViewAugment: {name} has unknown keys '
                                 f'{sorted(unknown)}; allowed: '
                                 f'{sorted(allowed)}')
            if cfg.get('sampling', SAMPLINGS[0]) not in SAMPLINGS:
                raise ValueError(f'MultiViewAugment: {name}.sampling must be '
                                 f'one of {SAMPLINGS}, got '
                                 f'"{cfg["sampling"]}"')
        self.easy = dict(easy)
        self.hard = dict(hard)
        allowed = {'rotate', 'scale', 'flip'}
        for i, view in enumerate(views):
            unknown = set(view) - allowed
            if unknown:
                raise ValueError(f'MultiViewAugment: views[{i}] has unknown '
                                 f'keys {sorted(unknown)}; allowed: '
                                 f'{sorted(allowed)}')
        self.views = [dict(view) for view in views]
        if not self.views:
            raise ValueError('MultiViewAugment: at least one pseudo-label '
                             'view is required')
        self.view_matrices = np.stack(
            [self._view_matrix(v.get('rotate', 0.), v.get('scale', 1.),
                               v.get('flip', False)) for v in self.views])
        self.view_flipped = np.array([bool(v.get('flip', False))
                                      for v in self.views])

    def _view_matrix(self, rotate: float, scale: float,
                     flip: bool) -> np.ndarray:
        """Easy-view pixels to view pixels: a rotation/scale about the image
        centre, then an optional flip."""
        w, h = self.input_size
        matrix = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), rotate,
                                         scale)
        if flip:
            matrix = compose_affine(flip_matrix(w), matrix)
        return matrix

    @staticmethod
    def _random_transform(cfg: Dict) -> tuple:
        """A random rotation (deg), scale and shift (a share of the view's
        width and height, shape (2, )) drawn as ``cfg`` says; without a
        shift, ``'clipped_normal'`` draws the random numbers it always drew,
        so that earlier runs reproduce."""
        if cfg.get('sampling', SAMPLINGS[0]) == 'truncated_normal':
            def unit() -> float:
                return float(truncnorm.rvs(-1., 1.))
        else:
            def unit() -> float:
                return float(np.clip(np.random.normal(), -2., 2.))
        rotate = 0.
        if np.random.rand() < cfg.get('rotate_prob', 0.):
            rotate = unit() * cfg.get('rotate_factor', 0.)
        s = cfg.get('scale_factor', 0.)
        scale = float(np.clip(1. + unit() * s, 1. - s, 1. + s))
        shift = np.zeros(2)
        shift_prob = cfg.get('shift_prob', 0.)
        if shift_prob > 0 and np.random.rand() < shift_prob:
            shift = np.array([unit(), unit()]) * cfg.get('shift_factor', 0.)
        return rotate, scale, shift

    def transform(self, results: Dict) -> Dict:
        if not results.get('unlabeled', False):
            packed = self.sup_pipeline(results)
            inputs = dict.fromkeys(BRANCH_INPUTS)
            samples = dict.fromkeys(BRANCH_SAMPLES)
            inputs['sup'] = packed['inputs']
            samples['sup'] = packed['data_samples']
            return dict(inputs=inputs, data_samples=samples)
        return self._unlabeled_views(results)

    def _unlabeled_views(self, results: Dict) -> Dict:
        w, h = self.input_size
        scale = TopdownAffine._fix_aspect_ratio(results['bbox_scale'],
                                                aspect_ratio=w / h)[0]
        center = results['bbox_center'][0]
        rotate, s, shift = self._random_transform(self.easy)
        # mmpose's RandomBBoxTransform moves the box by a share of its size
        easy = get_warp_matrix(center + shift * scale, scale * s, rotate,
                               output_size=(w, h))
        if np.random.rand() < self.easy.get('flip_prob', 0.):
            easy = compose_affine(flip_matrix(w), easy)
        rotate, s, shift = self._random_transform(self.hard)
        hard = self._view_matrix(rotate, s, False)
        hard[:, 2] += shift * np.array([w, h])

        img = results['img']

        def warp(matrix: np.ndarray) -> np.ndarray:
            return cv2.warpAffine(img, compose_affine(matrix, easy), (w, h),
                                  flags=cv2.INTER_LINEAR)

        hard_img = warp(hard)
        view_imgs = [warp(m) for m in self.view_matrices]

        sample = PoseDataSample(metainfo=dict(
            id=results.get('id'), img_id=results.get('img_id'),
            img_path=results.get('img_path'), input_size=(w, h),
            flip_indices=results['flip_indices'],
            easy_matrix=easy,
            hard_matrix=hard,
            view_matrices=self.view_matrices.copy(),
            view_flipped=self.view_flipped.copy()))
        inputs = dict.fromkeys(BRANCH_INPUTS)
        samples = dict.fromkeys(BRANCH_SAMPLES)
        inputs['unsup_hard'] = _to_tensor(hard_img)
        inputs['unsup_views'] = torch.stack([_to_tensor(v) for v in view_imgs])
        samples['unsup'] = sample
        return dict(inputs=inputs, data_samples=samples)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(input_size={self.input_size}, '
                f'easy={self.easy}, hard={self.hard}, views={self.views}, '
                f'sup_pipeline={self.sup_pipeline})')
