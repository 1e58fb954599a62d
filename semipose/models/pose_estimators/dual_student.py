"""Two heatmap students that teach each other from denoised, selected
pseudo-heatmaps."""
from typing import Dict, Optional, Union

import numpy as np
import torch
from mmengine.model import BaseModel
from mmengine.structures import PixelData
from mmpose.models.utils.tta import flip_heatmaps
from mmpose.registry import MODELS
from mmpose.utils.typing import ConfigType, OptConfigType, SampleList
from torch import Tensor

from ..utils.heatmap_ops import (aggregate_heatmaps, heatmap_peaks,
                                 image_to_heatmap_matrices, invert_affine,
                                 threshold_and_refine, transform_points,
                                 view_uncertainty, warp_heatmaps)
from ..utils.joint_cutout import cut_out_joints

STUDENTS = ('a', 'b')
PREDICT_ON = ('a', 'b', 'ensemble', 'all')


@MODELS.register_module()
class DualStudentPoseEstimator(BaseModel):
    """Dual students with multi-view denoised, uncertainty-selected
    pseudo-heatmaps (Yu et al., WACV 2024, on the PoseDual framework of Xie
    et al., ICCV 2021).

    One training step, for a batch from :class:`MultiViewAugment` and
    :class:`MultiViewPoseDataPreprocessor`:

    1. supervised heatmap loss of both students on the ``sup`` branch;
    2. without gradients, each student (or its EMA teacher, with
       ``teacher_momentum``) predicts all K pseudo-label views of
       the unlabeled samples in one pass; the heatmaps are mapped back to the
       easy view with the exact inverse transforms (flipped views also swap
       left/right channels) and aggregated (``aggregation``);
    3. threshold-and-refine: a keypoint whose aggregated peak is below
       ``threshold`` is dropped, the others are re-rendered as clean
       Gaussians at their sub-pixel peak (``refine``); both students' maps
       form the pool (or each of their views, ``pool_members``);
    4. the uncertainty of each pool member is estimated (``uncertainty``);
    5. ``selector`` picks each student's target per keypoint, expressed in
       the hard view, and returns the masked loss.

    ``threshold`` and ``unsup_weight`` are set each iteration by the
    :class:`PseudoHeatmapDenoiser` hook.

    Args:
        student (dict): config of a stock mmpose ``TopdownPoseEstimator``
            with a heatmap head; built twice. Its ``init_cfg`` (e.g.
            ``dict(type='Pretrained', checkpoint=...)``) initialises both
            students, so a plain mmpose checkpoint starts both.
        data_preprocessor (dict): usually
            :class:`MultiViewPoseDataPreprocessor`.
        selector (dict): config of the target selector and loss.
        aggregation (str): ``'max'`` or ``'mean'`` over views, or
            ``'first'``: the first view's heatmaps alone (no multi-view
            denoising; the other views still give the uncertainty).
        peak_value (str): which value is each pseudo-keypoint's confidence
            c (compared with ``threshold``, and the height of its refined
            Gaussian): ``'aggregated'`` (default), the aggregated map's
            peak; ``'max_view'``, the highest peak among the student's views
            (what ``'max'`` aggregation gives). With ``aggregation='mean'``
            the location comes from the mean (more accurate in the quality
            part) while c stays the max's: a mean's lower peak, kept as the
            target's height, pulls the students' confidence down iteration
            after iteration (measured: 20 % of the keypoints kept at the
            end, against about 60 % with max).
        refine (bool): re-render kept keypoints as Gaussians (denoising);
            False keeps the aggregated heatmaps, warped into the hard view
            (PoseDual).
        target_height (str): height of a refined Gaussian:
            ``'confidence'`` (default), its confidence c, so a weak
            pseudo-keypoint pulls less than a strong one; ``'one'``, 1, as
            a labeled keypoint's target and the pseudo-labels of a
            self-training round.
        uncertainty (str): ``'disagreement'`` (default, the cross-student
            uncertainty): max over pixels of the RMS difference of a
            student's mapped-back views from the peer's aggregated map;
            ``'view_std'``: max over pixels of the pixel-wise std over a
            student's own views. On the synthetic benchmark (70 labels,
            three seeds, student A) selecting by ``'disagreement'`` reached
            25.6 +- 1.1 AP against 24.4 +- 0.2 for ``'view_std'``, above it
            on every seed (docs/benchmarks.md).
        pool_members (str): what the pool holds per student:
            ``'aggregated'`` (default), its denoised aggregated map, one
            member; ``'views'``, each of its V mapped-back views denoised on
            its own (threshold on the view's peak, refined at it), V
            members, each member's uncertainty the disagreement of that view
            alone with the peer's aggregated map (needs
            ``uncertainty='disagreement'`` and
            ``peak_value='aggregated'``). Members are student-major: member
            p belongs to student ``p // V``. ``'pair_mean'``: both
            members hold the mean of the two students' aggregated maps,
            denoised (its peak is the confidence: where the students
            disagree the mean has two half-height peaks and falls below
            tau). Each member keeps its student's uncertainty, so the
            selector's statistics still run, but both students learn the
            same target. Measured on the synthetic benchmark (seed 0): 0.9
            and 0.3 AP below ``'aggregated'`` at 70 and 100 labels.
        raw_where_agreed (bool): refine only where the students disagree:
            a keypoint whose two aggregated peaks lie within ``sigma`` of
            each other gets the student's first view (the easy view
            itself), raw, warped into the target frame, instead of the
            refined Gaussian; the kept flags do not change. Sharpening
            pays at the lower label budget, while raw targets (select only)
            lead at the higher one; this keeps the raw shape where the
            pair is consistent. Measured on the synthetic benchmark: 1.2
            AP below ours at 70 labels (seed 0), above it at 100 on three
            seeds (+0.6, +0.3, +1.2).
            Defaults to False.
        agreement_gate (bool): keep a pseudo-keypoint only where the two
            students' aggregated peaks lie within ``sigma`` of each other
            (the ``agreed`` of :meth:`pseudo_label_pool`, logged as
            ``pseudo_agreement``), on top of ``threshold``: two students
            that reach the same point from different starts are more often
            right than one confident student. Measured from the supervised
            starts at 70 labels: 0.1 to 0.3 AP below ours on every seed
            (docs/results.md), not kept. Defaults to False.
        threshold (float): initial keypoint threshold tau on peak values.
        unsup_weight (float): initial weight lambda of the unlabeled loss.
        sup_weight (float): weight of each student's supervised loss.
            Defaults to 1.0, as the supervised baseline's. PoseDual's code
            uses 0.5 (``0.5 * (MSE_A + MSE_B)``); with Adam, which ignores a
            global loss scale, that only halves the labeled signal against
            the pseudo-labels (measured in docs/design.md).
        predict_on (str): ``'a'``, ``'b'``, ``'ensemble'`` (averaged
            heatmaps) or ``'all'`` (ensemble in ``pred_instances`` plus
            ``pred_instances_{a,b,ensemble}``, for
            :class:`MultiStudentMetric`).
        joint_cutout (dict, optional): PoseDual's Joint Cutout on the hard
            view: ``dict(num_joints=5, size=0.1)`` hides squares (side: a
            fraction of the input width) around joints that the *other*
            student predicts, so each student learns from its own cut
            view. None (default) for none.
        teacher_momentum (float, optional): when set, pseudo-labels come
            from an exponential moving average of each student (a teacher
            per student, ``teacher = m * teacher + (1 - m) * student`` after
            every optimizer step through :meth:`update_teachers`, called by
            the ``PseudoHeatmapDenoiser`` hook; the first update copies the
            student) instead of the students themselves. 1.0 freezes the
            teachers at that first copy (for a pair started from supervised
            models: the supervised models after one step, as a
            self-training teacher is fixed; 1.3 AP below ours from the
            supervised starts at 70 labels, seed 0, not kept). None
            (default): the students make their own pseudo-labels.
        teacher_eval (bool): the teachers predict in eval mode, with the
            BatchNorm running statistics of their training (as mmdet's
            ``SemiBaseDetector`` runs its teacher, and as the self-training
            round's pseudo-labels are exported), instead of the statistics
            of each batch of unlabeled views; in train mode those batches
            also move the running statistics of frozen teachers. With
            fixed supervised teachers it ends 0.8 to 1.1 AP below train
            mode on every seed (70 labels; docs/results.md), not kept.
            Needs ``teacher_momentum``. Defaults to False.
        train_cfg (dict, optional): unused; accepted because mmpose's
            ``init_model`` sets it on every pose model (each student keeps
            the ``train_cfg`` of its own config).
        init_cfg (dict, optional): initialisation of the whole model.
    """

    def __init__(self,
                 student: ConfigType,
                 data_preprocessor: OptConfigType = None,
                 selector: ConfigType = dict(
                     type='UncertaintySelector', mode='min_uncertainty'),
                 aggregation: str = 'max',
                 peak_value: str = 'aggregated',
                 refine: bool = True,
                 target_height: str = 'confidence',
                 uncertainty: str = 'disagreement',
                 pool_members: str = 'aggregated',
                 raw_where_agreed: bool = False,
                 agreement_gate: bool = False,
                 threshold: float = 0.5,
                 unsup_weight: float = 1.0,
                 sup_weight: float = 1.0,
                 predict_on: str = 'ensemble',
                 joint_cutout: Optional[Dict] = None,
                 teacher_momentum: Optional[float] = None,
                 teacher_eval: bool = False,
                 train_cfg: OptConfigType = None,
                 init_cfg: OptConfigType = None):
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        if predict_on not in PREDICT_ON:
            raise ValueError(f'DualStudentPoseEstimator: predict_on must be '
                             f'one of {PREDICT_ON}, got "{predict_on}"')
        if uncertainty not in ('view_std', 'disagreement'):
            raise ValueError(f'DualStudentPoseEstimator: uncertainty must be '
                             f'"view_std" or "disagreement", got '
                             f'"{uncertainty}"')
        if aggregation not in ('max', 'mean', 'first'):
            raise ValueError(f'DualStudentPoseEstimator: aggregation must be '
                             f'"max", "mean" or "first", got "{aggregation}"')
        if peak_value not in ('aggregated', 'max_view'):
            raise ValueError(f'DualStudentPoseEstimator: peak_value must be '
                             f'"aggregated" or "max_view", got '
                             f'"{peak_value}"')
        if target_height not in ('confidence', 'one'):
            raise ValueError(f'DualStudentPoseEstimator: target_height must '
                             f'be "confidence" or "one", got '
                             f'"{target_height}"')
        if pool_members not in ('aggregated', 'views', 'pair_mean'):
            raise ValueError(f'DualStudentPoseEstimator: pool_members must '
                             f'be "aggregated", "views" or "pair_mean", got '
                             f'"{pool_members}"')
        if pool_members == 'views' and (uncertainty != 'disagreement'
                                        or peak_value != 'aggregated'):
            raise ValueError('DualStudentPoseEstimator: pool_members="views" '
                             'needs uncertainty="disagreement" and '
                             'peak_value="aggregated" (each view is a member '
                             'with its own peak and disagreement), got '
                             f'uncertainty="{uncertainty}", '
                             f'peak_value="{peak_value}"')
        if pool_members == 'pair_mean' and peak_value != 'aggregated':
            raise ValueError('DualStudentPoseEstimator: pool_members='
                             '"pair_mean" takes its confidence from the '
                             'pair\'s mean map, so it needs peak_value='
                             f'"aggregated", got "{peak_value}"')
        if raw_where_agreed and not (refine and pool_members == 'aggregated'):
            raise ValueError('DualStudentPoseEstimator: raw_where_agreed '
                             'keeps raw heatmaps instead of refined ones, so '
                             'it needs refine=True and pool_members='
                             f'"aggregated", got refine={refine}, '
                             f'pool_members="{pool_members}"')
        if teacher_eval and teacher_momentum is None:
            raise ValueError('DualStudentPoseEstimator: teacher_eval=True '
                             'needs teachers (teacher_momentum), got '
                             'teacher_momentum=None')
        self.student_a = MODELS.build(student)
        self.student_b = MODELS.build(student)
        self.teacher_momentum = teacher_momentum
        if teacher_momentum is not None:
            if not 0.0 <= teacher_momentum <= 1.0:
                raise ValueError(f'DualStudentPoseEstimator: teacher_momentum '
                                 f'must be in [0, 1], got {teacher_momentum}')
            self.teacher_a = MODELS.build(student).requires_grad_(False)
            self.teacher_b = MODELS.build(student).requires_grad_(False)
            # checkpointed: a resumed run does not copy the students again
            self.register_buffer('teachers_ready', torch.tensor(False))
        self.teacher_eval = teacher_eval
        self.selector = MODELS.build(selector)
        self.aggregation = aggregation
        self.peak_value = peak_value
        self.refine = refine
        self.target_height = target_height
        self.uncertainty = uncertainty
        self.pool_members = pool_members
        self.raw_where_agreed = raw_where_agreed
        self.agreement_gate = agreement_gate
        self.threshold = threshold
        self.unsup_weight = unsup_weight
        self.sup_weight = sup_weight
        self.predict_on = predict_on
        self.joint_cutout = joint_cutout
        codec = self.student_a.head.decoder
        self.input_size = tuple(codec.input_size)
        self.heatmap_size = tuple(codec.heatmap_size)
        self.sigma = float(codec.sigma)
        self.test_cfg = self.student_a.test_cfg
        # filled by loss(): read by the PseudoHeatmapDenoiser hook
        self.pseudo_stats: Dict[str, Tensor] = {}
        self.capture_visuals = False
        self.pseudo_visuals: Dict[str, Tensor] = {}

    def train(self, mode: bool = True) -> 'DualStudentPoseEstimator':
        """Set train or eval mode; with ``teacher_eval`` the teachers stay
        in eval mode."""
        super().train(mode)
        if self.teacher_eval:
            self.teacher_a.eval()
            self.teacher_b.eval()
        return self

    @property
    def students(self) -> Dict[str, torch.nn.Module]:
        return dict(a=self.student_a, b=self.student_b)

    @property
    def pseudo_labelers(self) -> Dict[str, torch.nn.Module]:
        """The models that make each student's pseudo-labels: its EMA
        teacher once there is one, else the student itself."""
        if self.teacher_momentum is not None and bool(self.teachers_ready):
            return dict(a=self.teacher_a, b=self.teacher_b)
        return self.students

    @torch.no_grad()
    def update_teachers(self) -> None:
        """One EMA step of each teacher towards its student (the first
        copies the student); buffers (BN statistics) are copied."""
        if self.teacher_momentum is None:
            return
        if self.teacher_momentum == 1.0 and bool(self.teachers_ready):
            return  # frozen: no copy after the first (see teacher_eval)
        momentum = self.teacher_momentum if bool(self.teachers_ready) else 0.
        for student, teacher in ((self.student_a, self.teacher_a),
                                 (self.student_b, self.teacher_b)):
            for ema, value in zip(teacher.parameters(),
                                  student.parameters()):
                ema.mul_(momentum).add_(value.detach(), alpha=1 - momentum)
            for ema, value in zip(teacher.buffers(), student.buffers()):
                ema.copy_(value)
        self.teachers_ready.fill_(True)

    def forward(self,
                inputs: Union[Tensor, Dict[str, Tensor]],
                data_samples: Optional[Union[SampleList, Dict]] = None,
                mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        if mode == 'tensor':
            return self.student_heatmaps(self.student_a, inputs)
        raise RuntimeError(f'Invalid mode "{mode}". Only supports loss, '
                           'predict and tensor mode.')

    @staticmethod
    def student_heatmaps(student: torch.nn.Module, inputs: Tensor) -> Tensor:
        """(N, K, h, w) heatmaps of one student."""
        return student.head.forward(student.extract_feat(inputs))

    # ----------------------------------------------------------- training
    def loss(self, inputs: Dict[str, Optional[Tensor]],
             data_samples: Dict[str, Optional[SampleList]]) -> dict:
        """Supervised and unsupervised losses plus pseudo-label statistics.

        Args:
            inputs (dict): ``sup`` (N_l, C, H, W), ``unsup_hard``
                (N_u, C, H, W) and ``unsup_views`` (N_u, V, C, H, W); any may
                be None.
            data_samples (dict): ``sup`` and ``unsup`` sample lists.

        Returns:
            dict: ``sup_{a,b}_*`` and ``unsup_{a,b}_loss_kpt`` losses, and
            statistics whose names contain no ``loss``.
        """
        losses = {}
        if inputs.get('sup') is not None:
            for name, student in self.students.items():
                for key, value in student.loss(inputs['sup'],
                                               data_samples['sup']).items():
                    if 'loss' in key:
                        value = value * self.sup_weight
                    losses[f'sup_{name}_{key}'] = value
        if inputs.get('unsup_hard') is not None and self.unsup_weight > 0:
            losses.update(
                self.unsup_loss(inputs['unsup_hard'], inputs['unsup_views'],
                                data_samples['unsup']))
        return losses

    @torch.no_grad()
    def mapped_back_views(self, student: torch.nn.Module, views: Tensor,
                          samples: SampleList) -> Tensor:
        """Heatmaps of every pseudo-label view, mapped back to the easy view.

        Args:
            student (nn.Module): the predicting student.
            views (Tensor): (N, V, C, H, W) view images.
            samples (list): ``unsup`` samples with ``view_matrices`` and
                ``view_flipped``.

        Returns:
            Tensor: (V, N, K, h, w).
        """
        n, v = views.shape[:2]
        heatmaps = self.student_heatmaps(student, views.flatten(0, 1))
        heatmaps = heatmaps.unflatten(0, (n, v))  # (N, V, K, h, w)
        to_view = heatmaps.new_tensor(np.stack(
            [s.metainfo['view_matrices'] for s in samples]))  # (N, V, 2, 3)
        back = image_to_heatmap_matrices(
            invert_affine(to_view), self.input_size, self.heatmap_size)
        mapped = warp_heatmaps(heatmaps.flatten(0, 1), back.flatten(0, 1))
        mapped = mapped.unflatten(0, (n, v))
        flip_indices = samples[0].metainfo['flip_indices']
        flipped = samples[0].metainfo['view_flipped']
        for i in range(v):
            if flipped[i]:
                mapped[:, i] = mapped[:, i, flip_indices]
        return mapped.transpose(0, 1)

    @torch.no_grad()
    def pseudo_label_views(self, views: Tensor,
                           samples: SampleList) -> Tensor:
        """Every pseudo-label view of each pseudo-labeler (the students or
        their EMA teachers), mapped back to the easy view (step 2 of the
        class docstring).

        Args:
            views (Tensor): (N, V, C, H, W) pseudo-label view images.
            samples (list): ``unsup`` samples (view matrices and flips).

        Returns:
            Tensor: (2, V, N, K, h, w), in ``STUDENTS`` order.
        """
        return torch.stack([
            self.mapped_back_views(model, views, samples)
            for model in self.pseudo_labelers.values()
        ])

    @torch.no_grad()
    def pseudo_label_pool(self, mapped: Tensor, to_target: Tensor,
                          threshold: float) -> Dict[str, Tensor]:
        """Denoised pseudo-heatmaps of both students (steps 2-4 of the class
        docstring): the pool the selector picks from.

        Args:
            mapped (Tensor): (2, V, N, K, h, w) from
                :meth:`pseudo_label_views`.
            to_target (Tensor): (N, 2, 3) heatmap-pixel map from the easy
                view into the frame of the targets (the hard view in
                training).
            threshold (float): tau on peak values.

        Returns:
            dict: per pool member (first dimension, P = 2 with
            ``pool_members='aggregated'`` or ``'pair_mean'``, 2V with
            ``'views'``; student-major)
            ``targets`` (P, N, K, h, w) in the target frame, ``keep``
            (P, N, K) bool, ``uncertainty`` (P, N, K), ``peaks`` (P, N, K, 2)
            and ``scores`` (P, N, K): the member's peak location (easy-view
            heatmap pixels) and its confidence c (``peak_value``); per
            student ``aggregated`` (2, N, K, h, w) and its peaks
            ``aggregated_peaks`` (2, N, K, 2); ``agreed`` (N, K) bool, the
            two students' peaks within ``sigma`` (every member's ``keep``
            is within it with ``agreement_gate``).
        """
        aggregated = torch.stack(
            [aggregate_heatmaps(m, self.aggregation) for m in mapped])
        peaks = [heatmap_peaks(a) for a in aggregated]
        aggregated_peaks = torch.stack([coords for _, coords in peaks])
        if self.pool_members == 'pair_mean':
            pair = aggregated.mean(dim=0)
            pair_member = (pair, *heatmap_peaks(pair))
        # (N, K): the two students' peaks lie within sigma of each other
        agreed = (aggregated_peaks[0] - aggregated_peaks[1]).norm(
            dim=-1) <= self.sigma
        pool = dict(targets=[], keep=[], uncertainty=[], scores=[], peaks=[])
        for index in range(len(STUDENTS)):
            values, coords = peaks[index]
            if self.peak_value == 'max_view':
                values = mapped[index].flatten(3).amax(dim=3).amax(dim=0)
            peer = aggregated[1 - index]
            if self.pool_members in ('aggregated', 'pair_mean'):
                members = [pair_member if self.pool_members == 'pair_mean'
                           else (aggregated[index], values, coords)]
                if self.uncertainty == 'view_std':
                    uncertainties = [view_uncertainty(mapped[index])]
                else:
                    rms = (mapped[index] - peer).pow(2).mean(dim=0).sqrt()
                    uncertainties = [rms.flatten(2).amax(dim=2)]
            else:
                members = [(view, *heatmap_peaks(view))
                           for view in mapped[index]]
                uncertainties = [(view - peer).abs().flatten(2).amax(dim=2)
                                 for view in mapped[index]]
            for (heatmaps, values, coords), uncertainty in zip(
                    members, uncertainties):
                if self.refine:
                    target, kept = threshold_and_refine(
                        values, coords, self.heatmap_size, threshold,
                        self.sigma, to_target,
                        unit_height=self.target_height == 'one')
                    if self.raw_where_agreed:
                        raw = warp_heatmaps(mapped[index][0], to_target)
                        target = torch.where(agreed[..., None, None], raw,
                                             target)
                else:
                    kept = values >= threshold
                    target = warp_heatmaps(heatmaps, to_target)
                if self.agreement_gate:
                    kept = kept & agreed
                pool['targets'].append(target)
                pool['keep'].append(kept)
                pool['uncertainty'].append(uncertainty)
                pool['scores'].append(values)
                pool['peaks'].append(coords)
        pool = {key: torch.stack(value) for key, value in pool.items()}
        pool.update(aggregated=aggregated, aggregated_peaks=aggregated_peaks,
                    agreed=agreed)
        return pool

    @torch.no_grad()
    def pseudo_keypoints(self, views: Tensor,
                         samples: SampleList) -> Dict[str, Tensor]:
        """The selected pseudo-keypoints in original-image pixels: the
        training path (views mapped back, aggregated, thresholded and
        refined, selected) with the easy view as the target frame; per
        keypoint student A's target, or student B's where A has none.

        Args:
            views (Tensor): (N, V, C, H, W) pseudo-label view images.
            samples (list): ``unsup`` samples with ``easy_matrix`` (image to
                easy-view pixels) besides the view matrices.

        Returns:
            dict: ``keypoints`` (N, K, 2) image pixels, ``kept`` (N, K) bool
            (a pool member survived denoising and a student learns from
            it),
            ``scores`` (N, K) peak values and ``uncertainty`` (N, K) of the
            selected member (of the lower-uncertainty member where none is
            kept).
        """
        n = views.shape[0]
        identity = views.new_tensor([[1., 0., 0.], [0., 1., 0.]]).expand(
            n, 2, 3)
        pool = self.pseudo_label_pool(
            self.pseudo_label_views(views, samples), identity, self.threshold)
        choice_a, choice_b = [
            self.selector.select(pool['targets'], pool['keep'],
                                 pool['uncertainty'], index)[2]
            for index in range(len(STUDENTS))
        ]
        # A's target, else B's (a rule may give A none where A teaches)
        choice = torch.where(choice_a >= 0, choice_a, choice_b)
        kept = choice >= 0
        member = torch.where(kept, choice, pool['uncertainty'].argmin(dim=0))

        def chosen(values: Tensor) -> Tensor:
            index = member.view(1, *member.shape, *([1] * (values.dim() - 3)))
            return values.gather(
                0, index.expand(1, *values.shape[1:]))[0]

        heatmap_to_input = views.new_tensor(self.input_size) / \
            views.new_tensor(self.heatmap_size)
        easy = views.new_tensor(np.stack(
            [s.metainfo['easy_matrix'] for s in samples]))  # (N, 2, 3)
        keypoints = transform_points(chosen(pool['peaks']) * heatmap_to_input,
                                     invert_affine(easy))
        return dict(keypoints=keypoints, kept=kept,
                    scores=chosen(pool['scores']),
                    uncertainty=chosen(pool['uncertainty']))

    def unsup_loss(self, hard: Tensor, views: Tensor,
                   samples: SampleList) -> Dict[str, Tensor]:
        """Losses of both students on their hard view against selected,
        denoised pseudo-heatmaps (steps 2-5 of the class docstring)."""
        to_hard = image_to_heatmap_matrices(
            hard.new_tensor(np.stack([s.metainfo['hard_matrix']
                                      for s in samples])),
            self.input_size, self.heatmap_size)  # (N, 2, 3)
        mapped = self.pseudo_label_views(views, samples)
        pool = self.pseudo_label_pool(mapped, to_hard, self.threshold)
        targets, keep = pool['targets'], pool['keep']
        uncertainty, peaks = pool['uncertainty'], pool['aggregated_peaks']

        losses = {}
        for index, (name, student) in enumerate(self.students.items()):
            student_hard = hard
            if self.joint_cutout:
                # the peer's joints, moved into the hard view's pixels
                peer = transform_points(peaks[1 - index], to_hard)
                scale = peer.new_tensor(self.input_size) / peer.new_tensor(
                    self.heatmap_size)
                student_hard = cut_out_joints(hard, peer * scale,
                                              **self.joint_cutout)
            pred = self.student_heatmaps(student, student_hard)
            loss, stats = self.selector(pred, targets, keep, uncertainty,
                                        index)
            losses[f'unsup_{name}_loss_kpt'] = loss * self.unsup_weight
            losses[f'unsup_{name}_kept'] = stats['kept']
            losses[f'unsup_{name}_own'] = stats['own']
        # share of keypoints whose two students' peaks lie within sigma
        losses['pseudo_agreement'] = pool['agreed'].float().mean()
        losses['pseudo_uncertainty'] = uncertainty.mean()
        self.pseudo_stats = dict(
            kept_per_keypoint=keep.float().mean(dim=(0, 1)).detach(),
            uncertainty_per_keypoint=uncertainty.mean(dim=(0, 1)).detach())
        if self.capture_visuals:
            selected, weight, _ = self.selector.select(
                targets, keep, uncertainty, 0)
            self.pseudo_visuals = dict(
                image=views[0, 0].detach(),
                views=mapped[0][:, 0].detach(),
                aggregated=pool['aggregated'][0][0].detach(),
                pool=targets[:, 0].detach(), keep=keep[:, 0].detach(),
                hard_image=hard[0].detach(),
                selected=(selected * weight[..., None, None])[0].detach())
        return losses

    # --------------------------------------------------------- prediction
    def _heatmaps_for_test(self, student: torch.nn.Module, inputs: Tensor,
                           data_samples: SampleList) -> Tensor:
        heatmaps = self.student_heatmaps(student, inputs)
        if self.test_cfg.get('flip_test', False):
            flipped = flip_heatmaps(
                self.student_heatmaps(student, inputs.flip(-1)),
                flip_mode=self.test_cfg.get('flip_mode', 'heatmap'),
                flip_indices=data_samples[0].metainfo['flip_indices'],
                shift_heatmap=self.test_cfg.get('shift_heatmap', False))
            heatmaps = (heatmaps + flipped) * 0.5
        return heatmaps

    def predict(self, inputs: Tensor, data_samples: SampleList) -> SampleList:
        """Keypoints from student A, B, their ensemble, or all three.

        Args:
            inputs (Tensor): (N, C, H, W).
            data_samples (list[PoseDataSample]): the batch samples.

        Returns:
            list[PoseDataSample]: with ``pred_instances`` (and
            ``pred_instances_{a,b,ensemble}`` when ``predict_on='all'``).
        """
        wanted = (['a', 'b', 'ensemble'] if self.predict_on == 'all' else
                  [self.predict_on])
        need = set(STUDENTS) if ('ensemble' in wanted) else set(wanted)
        heatmaps = {
            name: self._heatmaps_for_test(self.students[name], inputs,
                                          data_samples)
            for name in STUDENTS if name in need
        }
        if 'ensemble' in wanted:
            heatmaps['ensemble'] = (heatmaps['a'] + heatmaps['b']) * 0.5
        output_heatmaps = self.test_cfg.get('output_heatmaps', False)
        # the ensemble (or the only wanted one) is decoded last and stays in
        # ``pred_instances``
        for name in wanted:
            preds = self.student_a.head.decode(heatmaps[name])
            fields = ([
                PixelData(heatmaps=hm) for hm in heatmaps[name].detach()
            ] if output_heatmaps else None)
            data_samples = self.student_a.add_pred_to_datasample(
                preds, fields, data_samples)
            if self.predict_on == 'all':
                for sample in data_samples:
                    sample.set_field(sample.pred_instances.clone(),
                                     f'pred_instances_{name}')
        return data_samples
