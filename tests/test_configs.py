"""Every config under configs/ and projects/ parses, and its model and
optimizer wrapper build."""
import glob
import inspect
import os.path as osp
import re

import pytest
from mmengine.config import Config
from mmengine.optim import build_optim_wrapper
from mmpose.datasets.transforms import RandomBBoxTransform
from mmpose.registry import MODELS, TRANSFORMS

from semipose.datasets.transforms import MultiViewAugment

from .helpers import OURS, REPO, load_tool

CONFIGS = sorted(
    p for pattern in ('configs/**/*.py', 'projects/*/configs/*.py')
    for p in glob.glob(osp.join(REPO, pattern), recursive=True)
    if '/_base_/' not in p)


def test_there_are_configs():
    assert len(CONFIGS) >= 2


@pytest.mark.parametrize('path', CONFIGS,
                         ids=[osp.relpath(p, REPO) for p in CONFIGS])
def test_config_parses_and_model_builds(path):
    cfg = Config.fromfile(path)
    if cfg.model.type != 'TopdownPoseEstimator':
        assert cfg.custom_imports.imports == ['semipose']
    model_cfg = cfg.model
    # no pretrained weights can be downloaded here
    for part in (model_cfg, model_cfg.get('student', {})):
        if 'backbone' in part:
            part.backbone.init_cfg = None
    model = MODELS.build(model_cfg)
    assert sum(p.numel() for p in model.parameters()) > 0
    assert build_optim_wrapper(model, cfg.optim_wrapper).param_groups
    assert cfg.train_cfg and cfg.val_evaluator
    if 'semipose' in cfg.get('custom_imports', {}).get('imports', []):
        # a kill at any instant leaves a complete checkpoint to resume from
        assert cfg.default_hooks.checkpoint.type == 'AtomicCheckpointHook'


MULTI_GPU = [p for p in CONFIGS if re.search(r'_[2-9]xb', osp.basename(p))]


@pytest.mark.parametrize('path', MULTI_GPU,
                         ids=[osp.relpath(p, REPO) for p in MULTI_GPU])
def test_multi_gpu_configs_synchronise_buffers_before_validation(path):
    """mmpose's runtime syncs BN buffers across ranks (SyncBuffersHook);
    a config that replaces the custom hooks must keep it, or each rank
    validates its share of the data with different statistics."""
    hooks = [hook.type for hook in Config.fromfile(path).custom_hooks]
    assert 'SyncBuffersHook' in hooks, hooks


SYNTHETIC = [p for p in CONFIGS
             if osp.dirname(osp.relpath(p, REPO)).startswith('configs/')
             and '_synthetic-' in p]


def _labeled(cfg):
    dataset = cfg.train_dataloader.dataset
    if dataset.type == 'CombinedDataset':
        ratio = cfg.train_dataloader.sampler.source_ratio
        return (dataset.datasets[0].ann_file,
                cfg.train_dataloader.batch_size * ratio[0] // sum(ratio))
    return dataset.ann_file, cfg.train_dataloader.batch_size


def test_synthetic_configs_of_one_schedule_and_budget_differ_only_in_method():
    """The benchmark's comparison is fair only if every method at a budget
    sees the same labeled persons, labeled crops per iteration, schedule,
    seed, student and codec, the same hooks besides the method's own (e.g.
    the memory format), and its file name states the schedule and budget
    it runs."""
    groups = {}
    for path in SYNTHETIC:
        name = osp.basename(path)
        iters, budget = re.search(r'-(\d+)it_synthetic-(\w+?)-', name).groups()
        schedule = f'{iters}it'
        cfg = Config.fromfile(path)
        assert cfg.train_cfg.max_iters == int(iters), name
        ann_file, labeled_crops = _labeled(cfg)
        expected = ('annotations/person_keypoints_train.json'
                    if budget == 'full' else
                    f'annotations/person_keypoints_train.{budget}.json')
        assert ann_file == expected, name
        student = cfg.model.get('student', cfg.model)
        shared = dict(
            labeled_crops=labeled_crops, seed=cfg.randomness.seed,
            scheduler=cfg.param_scheduler, optim=cfg.optim_wrapper,
            student=student, data_root=cfg.val_dataloader.dataset.data_root,
            hooks=[hook.type for hook in cfg.custom_hooks
                   if hook.type != 'PseudoHeatmapDenoiser'])
        groups.setdefault((schedule, budget), []).append((name, shared))
    assert {('2000it', 'first70'), ('2000it', 'first100'), ('2000it', 'full'),
            ('750it', 'first100'), ('500it', 'first100')} <= set(groups)
    for runs in groups.values():
        first_name, first = runs[0]
        for name, shared in runs[1:]:
            for key in first:
                assert shared[key] == first[key], (key, first_name, name)


def _multi_view(path):
    cfg = Config.fromfile(path)
    pipeline = [TRANSFORMS.build(t)
                for t in cfg.train_dataloader.dataset.pipeline]
    return [t for t in pipeline if isinstance(t, MultiViewAugment)][0]


def test_ours_easy_view_is_a_flipped_crop_the_candidates_a_rotated_box():
    """Ours' easy view is the person's crop with a random flip; the
    'rotated easy view' candidate builds MultiViewAugment's default (the
    config restores it by deleting the entry, which must not leak into the
    transform's arguments)."""
    ours = _multi_view(OURS)
    assert ours.easy == dict(flip_prob=0.5)
    rotated = _multi_view(OURS.replace('dual-student_',
                                       'dual-student-rotated-easy_'))
    default = inspect.signature(MultiViewAugment).parameters['easy'].default
    assert rotated.easy == default and rotated.easy['rotate_factor'] > 0
    assert rotated.hard == ours.hard and rotated.views == ours.views


def test_posedual_plain_easy_candidate_changes_only_the_easy_view():
    """'PoseDual, plain easy view' makes PoseDual's targets on ours' easy
    view (the crop with a random flip) and keeps PoseDual's hard view, its
    single pseudo-label view and its model."""
    posedual = osp.join(
        REPO, 'configs/posedual/'
        'posedual_res18-tiny_1xb32-2000it_synthetic-first70-128x96.py')
    plain_path = posedual.replace('posedual_', 'posedual-plain-easy_')
    original, plain = _multi_view(posedual), _multi_view(plain_path)
    default = inspect.signature(MultiViewAugment).parameters['easy'].default
    assert original.easy == default
    assert plain.easy == _multi_view(OURS).easy == dict(flip_prob=0.5)
    assert plain.hard == original.hard and plain.views == original.views
    assert plain.views == [dict()]
    assert Config.fromfile(plain_path).model == Config.fromfile(
        posedual).model


@pytest.mark.parametrize('budget', ['first70', 'first100'])
@pytest.mark.parametrize('name,field,value', [
    ('agreement-gate', 'agreement_gate', True),
    ('frozen-teachers', 'teacher_momentum', 1.0),
    ('unit-height', 'target_height', 'one'),
])
def test_a_from_supervised_candidate_changes_one_field_of_ours_from_supervised(
        budget, name, field, value):
    base = OURS.replace('first100', budget).replace(
        'dual-student_', 'dual-student-from-supervised_')
    ours = Config.fromfile(base)
    candidate = Config.fromfile(base.replace(
        'dual-student-from-supervised_',
        f'dual-student-from-supervised-{name}_'))
    assert field not in ours.model
    assert candidate.model == dict(ours.model, **{field: value})
    assert candidate.load_from == ours.load_from
    assert candidate.custom_hooks == ours.custom_hooks
    assert candidate.train_dataloader == ours.train_dataloader
    MODELS.build(candidate.model)


@pytest.mark.parametrize('budget', ['first70', 'first100'])
@pytest.mark.parametrize('method', [
    'dual_student/dual-student-', 'dual_student/dual-student-denoise-only-',
    'dual_student/dual-student-select-only-', 'posedual/posedual-'])
def test_supervised_teachers_candidate_fixes_teachers_of_ours_from_supervised(
        budget, method):
    """'ours, fresh students, supervised teachers' (and its ablation rows:
    denoise only, select only, PoseDual so) is the method from supervised
    with fixed teachers, loaded from a teachers' checkpoint of the budget
    (``pair_from_students(..., into='teachers')``)."""
    base = osp.join(REPO, 'configs', f'{method}from-supervised_res18-tiny_'
                    f'1xb32-2000it_synthetic-{budget}-128x96.py')
    ours = Config.fromfile(base)
    candidate = Config.fromfile(base.replace(
        f'{method}from-supervised_', f'{method}supervised-teachers_'))
    assert candidate.model == dict(ours.model, teacher_momentum=1.0)
    assert candidate.load_from == ours.load_from.replace(
        f'{budget}.pth', f'{budget}.teachers.pth')
    assert candidate.custom_hooks == ours.custom_hooks
    assert candidate.custom_hooks[0]['warmup_iters'] == 0
    assert candidate.train_dataloader == ours.train_dataloader
    MODELS.build(candidate.model)


@pytest.mark.parametrize('budget', ['first70', 'first100'])
def test_eval_teachers_candidate_changes_one_field_of_supervised_teachers(
        budget):
    base = osp.join(REPO, 'configs', 'dual_student', 'dual-student-'
                    'supervised-teachers_res18-tiny_1xb32-2000it_synthetic-'
                    f'{budget}-128x96.py')
    ours = Config.fromfile(base)
    candidate = Config.fromfile(base.replace('-supervised-teachers_',
                                             '-supervised-eval-teachers_'))
    assert candidate.model == dict(ours.model, teacher_eval=True)
    assert candidate.load_from == ours.load_from
    assert candidate.custom_hooks == ours.custom_hooks
    assert candidate.train_dataloader == ours.train_dataloader
    MODELS.build(candidate.model)


@pytest.mark.parametrize('budget', ['first70', 'first100'])
def test_labeled_hard_view_candidate_draws_the_hard_view_as_the_labeled_crops(
        budget):
    """'ours, from supervised, labeled-pipeline hard view' is ours from
    supervised with only the hard view's draw changed, to the labeled
    pipeline's RandomBBoxTransform (its factors and mmpose's defaults)."""
    base = OURS.replace('first100', budget).replace(
        'dual-student_', 'dual-student-from-supervised_')
    path = base.replace('dual-student-from-supervised_',
                        'dual-student-from-supervised-labeled-hard-view_')
    ours, candidate = Config.fromfile(base), Config.fromfile(path)
    bbox = [t for t in ours.train_pipeline
            if t['type'] == 'RandomBBoxTransform'][0]
    bbox = dict(inspect.signature(RandomBBoxTransform).parameters, **bbox)
    bbox = {k: getattr(v, 'default', v) for k, v in bbox.items()}
    low, high = bbox['scale_factor']
    hard = _multi_view(path).hard
    assert hard == dict(
        sampling='truncated_normal', rotate_factor=bbox['rotate_factor'],
        rotate_prob=bbox['rotate_prob'], scale_factor=(high - low) / 2,
        shift_factor=bbox['shift_factor'], shift_prob=bbox['shift_prob'])
    assert 1 - low == high - 1 and bbox['scale_prob'] == 1.
    original = _multi_view(base)
    assert original.hard != hard and original.easy == _multi_view(path).easy
    assert original.views == _multi_view(path).views
    assert candidate.model == ours.model
    assert candidate.load_from == ours.load_from
    assert candidate.custom_hooks == ours.custom_hooks
    datasets = candidate.train_dataloader.dataset.datasets
    assert datasets == ours.train_dataloader.dataset.datasets


@pytest.mark.parametrize('budget', ['first70', 'first100'])
@pytest.mark.parametrize('prefix,change', [
    ('dual-student-view-pool_', dict(pool_members='views')),
    ('dual-student-no-refine_', dict(refine=False)),
    ('dual-student-single-view-denoise_', dict(aggregation='first')),
    ('dual-student-weighted_', dict(selector=dict(
        type='UncertaintySelector', mode='weighted', temperature=0.1))),
])
def test_selection_candidates_change_one_model_field_of_ours(
        budget, prefix, change):
    """'pool of views', 'no refine', 'single-view denoising' and
    'uncertainty-weighted targets' are ours with one model field changed:
    data, views and hooks are ours'."""
    ours_path = OURS.replace('first100', budget)
    ours = Config.fromfile(ours_path)
    candidate = Config.fromfile(ours_path.replace('dual-student_', prefix))
    assert candidate.model == dict(ours.model, **change)
    assert candidate.train_dataloader == ours.train_dataloader
    assert candidate.custom_hooks == ours.custom_hooks
    MODELS.build(candidate.model)


@pytest.mark.parametrize('budget', ['first70', 'first100'])
@pytest.mark.parametrize('base,prefix,tau', [
    ('dual-student_', 'dual-student-low-tau_', 0.25),
    ('dual-student-from-supervised_', 'dual-student-from-supervised-high-tau_',
     0.7)])
def test_a_tau_candidate_changes_only_the_threshold(budget, base, prefix, tau):
    ours_path = OURS.replace('first100', budget).replace('dual-student_', base)
    ours = Config.fromfile(ours_path)
    candidate = Config.fromfile(ours_path.replace(base, prefix))
    assert ours.custom_hooks[0].threshold == 0.5
    assert candidate.custom_hooks[0] == dict(ours.custom_hooks[0],
                                             threshold=tau)
    assert candidate.load_from == ours.load_from
    assert candidate.custom_hooks[1:] == ours.custom_hooks[1:]
    assert candidate.model == ours.model
    assert candidate.train_dataloader == ours.train_dataloader


LONG_SCHEDULE = [p for p in SYNTHETIC if '-4000it_' in p]


@pytest.mark.parametrize('path', LONG_SCHEDULE,
                         ids=[osp.relpath(p, REPO) for p in LONG_SCHEDULE])
def test_a_long_schedule_config_is_its_method_on_twice_the_iterations(path):
    """The schedule-length lever changes the schedule and nothing else:
    same method and data as the 2,000-iteration config, the cosine decay
    ending at the new last iteration, pseudo-label warm-up unchanged."""
    long_cfg = Config.fromfile(path).to_dict()
    cfg = Config.fromfile(path.replace('-4000it_', '-2000it_')).to_dict()
    assert long_cfg['train_cfg'] == dict(cfg['train_cfg'], max_iters=4000)
    warmup, cosine = long_cfg['param_scheduler']
    assert warmup == cfg['param_scheduler'][0]
    assert cosine == dict(cfg['param_scheduler'][1], end=4000, T_max=3900)
    schedule_keys = ('train_cfg', 'param_scheduler', 'max_iters',
                     'long_max_iters', 'long_param_scheduler')
    for key in set(cfg) | set(long_cfg):
        if key not in schedule_keys:
            assert long_cfg.get(key) == cfg.get(key), key


FROM_SUPERVISED = [p for p in SYNTHETIC
                   if '-from-supervised_' in p and '-2000it_' in p]


@pytest.mark.parametrize('path', FROM_SUPERVISED,
                         ids=[osp.relpath(p, REPO) for p in FROM_SUPERVISED])
def test_a_from_supervised_config_is_its_method_started_from_a_pair(path):
    """The warm start changes the start and nothing else: the method's
    config with ``load_from`` (a pair checkpoint of the budget) and no
    supervised-only warm-up, the ramp unchanged."""
    start = Config.fromfile(path).to_dict()
    cfg = Config.fromfile(path.replace('-from-supervised_', '_')).to_dict()
    budget = re.search(r'synthetic-(\w+?)-', osp.basename(path)).group(1)
    assert cfg['load_from'] is None
    assert start['load_from'] == f'work_dirs/pair_from_supervised/{budget}.pth'
    hook, *others = start['custom_hooks']
    assert cfg['custom_hooks'][0]['warmup_iters'] == 500
    assert hook == dict(cfg['custom_hooks'][0], warmup_iters=0)
    assert others == cfg['custom_hooks'][1:]
    for key in set(cfg) | set(start):
        if key not in ('load_from', 'custom_hooks'):
            assert start.get(key) == cfg.get(key), key


def test_the_demo_continues_its_supervised_starts_with_one_schedule():
    """The demo's second stage: ours and PoseDual are their 2,000-iteration
    'from supervised' configs cut to 500 iterations (the ramp cut to a
    quarter, still no warm-up) and start from the pair the demo writes;
    the supervised control starts from student A's start, and all three
    share the schedule."""
    demo = load_tool('demo')
    configs = {name: Config.fromfile(osp.join(REPO, config)).to_dict()
               for name, config, _, _ in demo.METHODS}
    starts = {name: start for name, _, _, start in demo.METHODS}
    start_a = (f'work_dirs/demo/{demo.dir_name(demo.STARTS[0][0])}/'
               f'iter_{demo.START_ITERS}.pth')
    assert Config.fromfile(osp.join(
        REPO, demo.START_CONFIG)).train_cfg.max_iters == demo.START_ITERS
    assert demo.STARTS[0][1] != demo.STARTS[1][1]  # the students differ
    for name, cfg in configs.items():
        assert cfg['train_cfg']['max_iters'] == 500, name
        assert cfg['load_from'] == (
            'work_dirs/demo/pair_start.pth' if starts[name] == 'pair' else
            start_a), name
        assert cfg['param_scheduler'] == configs['ours']['param_scheduler']
    for name, config, _, _ in demo.METHODS:
        if starts[name] != 'pair':
            continue
        parent = Config.fromfile(osp.join(
            REPO, config.replace('-500it_', '-2000it_'))).to_dict()
        hook, *others = configs[name]['custom_hooks']
        assert hook == dict(parent['custom_hooks'][0], rampup_iters=125,
                            vis_interval=250)
        assert hook['warmup_iters'] == 0 and others == parent[
            'custom_hooks'][1:]
        for key in set(parent) | set(configs[name]):
            if key not in ('load_from', 'custom_hooks', 'train_cfg',
                           'param_scheduler', 'default_hooks', 'max_iters',
                           'val_interval') and not key.startswith('demo_'):
                assert configs[name].get(key) == parent.get(key), (name, key)
