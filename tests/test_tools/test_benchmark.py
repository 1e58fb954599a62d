"""The accuracy part of ``tools/benchmark.py`` keeps each finished run,
keyed by its resolved config and seed, and trains only what is missing."""
import json
import os
import os.path as osp
import re
import shutil
from types import SimpleNamespace

import pytest
import torch

from ..helpers import REPO, load_tool


@pytest.fixture
def benchmark(tmp_path, monkeypatch):
    module = load_tool('benchmark')
    data_root = tmp_path / 'data'
    data_root.mkdir()
    (data_root / 'semipose_synthetic.json').write_text('{"seed": 0}')
    monkeypatch.setattr(module, 'DATA_ROOT', str(data_root))
    trained = []

    def fake_train(config, work_dir, options, quiet, threads):
        """Logs a final validation whose AP encodes the seed."""
        trained.append((config, options['randomness.seed']))
        ap = 0.1 + options['randomness.seed'] / 100
        # as MultiStudentMetric logs a pair, CocoMetric a single model
        pair = 'dual-student' in config or 'posedual' in config
        record = ({'student_a/coco/AP': ap, 'student_b/coco/AP': ap - 0.05,
                   'ensemble/coco/AP': ap + 0.05} if pair else
                  {'coco/AP': ap})
        record['step'] = 1500
        scalars = osp.join(work_dir, '20261127_000000', 'vis_data')
        os.makedirs(scalars)
        with open(osp.join(scalars, 'scalars.json'), 'w') as f:
            f.write(json.dumps(record) + '\n')

    monkeypatch.setattr(module, 'train', fake_train)
    monkeypatch.setattr(module, 'machine',
                        lambda device, threads='': f'{device} ({threads})')
    module.trained = trained
    return module


def _args(tmp_path, **kwargs):
    args = dict(budgets=['first100'], methods=['supervised', 'ours'],
                seeds=[0, 1], jobs=1, full_label=False, device='cpu',
                no_train=False,
                work_dir=str(tmp_path / 'bench'),
                results_dir=str(tmp_path / 'results'))
    args.update(kwargs)
    return SimpleNamespace(**args)


def test_finished_runs_are_kept_and_skipped(benchmark, tmp_path):
    lines = benchmark.accuracy(_args(tmp_path))
    assert len(benchmark.trained) == 4
    rows = [line for line in lines if line.startswith('| first100')]
    assert rows[0].startswith('| first100 | supervised | 0, 1 | 10.5 +- 0.5 '
                              '| 10.0, 11.0 | - |')
    assert rows[1].startswith('| first100 | ours | 0, 1 | 10.5 +- 0.5 | '
                              '10.0, 11.0 | 15.0, 16.0 |')
    # a third seed and the full-label row: only those three runs train
    benchmark.trained.clear()
    lines = benchmark.accuracy(_args(tmp_path, seeds=[0, 1, 2],
                                     full_label=True))
    assert sorted(seed for _, seed in benchmark.trained) == [0, 2, 2]
    assert any('-full-' in config for config, _ in benchmark.trained)
    assert any(line.startswith('| full | supervised | 0 | 10.0 +- 0.0')
               for line in lines)


def test_no_train_builds_the_table_from_kept_runs_only(benchmark, tmp_path):
    benchmark.accuracy(_args(tmp_path, methods=['ours'], seeds=[1]))
    benchmark.trained.clear()
    lines = benchmark.accuracy(_args(tmp_path, seeds=[0, 1, 2],
                                     no_train=True))
    assert benchmark.trained == []
    rows = [line for line in lines if line.startswith('| first100')]
    assert rows == ['| first100 | ours | 1 | 11.0 +- 0.0 | 11.0 | 16.0 |']


def test_a_run_without_result_is_trained_again(benchmark, tmp_path):
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0]))
    result = next((tmp_path / 'results').rglob('seed0-*.json'))
    result.unlink()  # as if killed before the end
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0]))
    assert len(benchmark.trained) == 1
    assert result.exists()


def test_another_device_kind_is_a_new_run(benchmark, tmp_path):
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0]))
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0],
                             device='cuda:0'))
    assert len(benchmark.trained) == 1
    assert len(list((tmp_path / 'results').rglob('*.json'))) == 2


def test_other_data_is_a_new_run(benchmark, tmp_path):
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0]))
    (tmp_path / 'data' / 'semipose_synthetic.json').write_text('{"seed": 1}')
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0]))
    assert len(benchmark.trained) == 1


def test_key_follows_training_not_checkpointing_or_logging(benchmark):
    config = benchmark.CONFIGS['ours'].format(budget='first100')
    base = {'randomness.seed': 0}
    key = benchmark.run_key(config, base, 'cpu')
    for recorder in ({'default_hooks.checkpoint.type': 'CheckpointHook'},
                     {'default_hooks.checkpoint.max_keep_ckpts': 3},
                     {'default_hooks.logger.interval': 1}):
        assert benchmark.run_key(config, dict(base, **recorder), 'cpu') == key
    assert benchmark.run_key(config, {'randomness.seed': 1}, 'cpu') != key
    assert benchmark.run_key(config, dict(base, **{'model.threshold': 0.4}),
                             'cpu') != key


def _budget_data(synthetic_root: str, tmp_path, budget: str):
    """The benchmark's data root with the test dataset's images and its
    training persons, the first 20 of them as ``budget``'s split."""
    data_root = tmp_path / 'data'
    (data_root / 'images').symlink_to(osp.join(synthetic_root, 'images'))
    (data_root / 'annotations').mkdir()
    source = osp.join(synthetic_root, 'annotations', 'person_keypoints_train')
    for src, dst in (('.json', '.json'), ('.first20.json', f'.{budget}.json')):
        shutil.copy(source + src, data_root / 'annotations' /
                    f'person_keypoints_train{dst}')
    return data_root


def test_active_part_retrains_with_ranked_and_random_persons(
        benchmark, synthetic_root, tmp_path, monkeypatch):
    from mmengine.config import Config
    from mmengine.runner import save_checkpoint
    from mmpose.registry import MODELS

    data_root = _budget_data(synthetic_root, tmp_path, 'first70')
    monkeypatch.setattr(benchmark, 'ACTIVE_ADDED', 5)
    fake_train = benchmark.train
    grown_files, pseudo_files = [], []

    def train(config, work_dir, options, quiet, threads):
        fake_train(config, work_dir, options, quiet, threads)
        if 'dual-student' in config:  # an untrained pair
            model = MODELS.build(Config.fromfile(config).model)
            save_checkpoint(model.state_dict(),
                            osp.join(work_dir, 'iter_2000.pth'))
        elif 'self-training' in config:
            pseudo_files.append(
                options['train_dataloader.dataset.datasets.1.ann_file'])
        else:
            grown_files.append(options['train_dataloader.dataset.ann_file'])

    monkeypatch.setattr(benchmark, 'train', train)
    lines = benchmark.active(_args(tmp_path, seeds=[0, 1]))
    # the pair, then two choices x two seeds of the supervised model and
    # two seeds of the self-training round
    assert [seed for _, seed in benchmark.trained] == [0, 0, 1, 0, 1, 0, 1]
    ranked, random = sorted(set(grown_files))[::-1]
    assert '+ranked5-' in ranked and '+random5-' in random
    with open(data_root / 'annotations' /
              'person_keypoints_train.first70.json') as f:
        labeled = {a['id'] for a in json.load(f)['annotations']}
    for grown in (ranked, random):
        with open(data_root / grown) as f:
            ids = {a['id'] for a in json.load(f)['annotations']}
        assert labeled < ids and len(ids - labeled) == 5
    assert any(line.startswith('| 5 ranked | 10.5 +- 0.5 | 10.0, 11.0 |')
               for line in lines)
    # self-training learns from the pair's pseudo-labels of every training
    # person (kept keypoints v=2, dropped ones v=0)
    assert len(set(pseudo_files)) == 1
    with open(data_root / pseudo_files[0]) as f:
        pseudo = json.load(f)['annotations']
    with open(data_root / 'annotations' / 'person_keypoints_train.json') as f:
        persons = {a['id'] for a in json.load(f)['annotations']}
    assert {a['id'] for a in pseudo} == persons
    visibilities = {v for a in pseudo for v in a['keypoints'][2::3]}
    assert visibilities <= {0, 2}
    assert any(line.startswith('| self-training | 10.5 +- 0.5 |')
               for line in lines)
    assert any(line.startswith('| the pair, ensemble (seed 0) | 15.0 ')
               for line in lines)
    assert any(line.startswith('| 100 % |') for line in lines)
    # done runs are kept: a second call trains nothing
    benchmark.trained.clear()
    benchmark.active(_args(tmp_path, seeds=[0, 1]))
    assert benchmark.trained == []


def test_self_training_rows_learn_from_their_teachers_run(
        benchmark, synthetic_root, tmp_path, monkeypatch):
    from mmengine.config import Config
    from mmengine.runner import save_checkpoint
    from mmpose.registry import MODELS

    from semipose.utils.pseudo_labels import (build_pseudo_label_dataset,
                                              export_pseudo_labels,
                                              load_teacher, trained_threshold)

    data_root = _budget_data(synthetic_root, tmp_path, 'first100')
    fake_train = benchmark.train
    pseudo_files = []

    def train(config, work_dir, options, quiet, threads):
        fake_train(config, work_dir, options, quiet, threads)
        if 'self-training' in config:
            pseudo_files.append(
                options['train_dataloader.dataset.datasets.1.ann_file'])
        else:  # an untrained teacher: the pair, or the single model
            model = MODELS.build(Config.fromfile(config).model)
            save_checkpoint(model.state_dict(),
                            osp.join(work_dir, 'iter_2000.pth'))

    monkeypatch.setattr(benchmark, 'train', train)
    methods = ['ours + self-training', 'supervised + self-training']
    lines = benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    # each teacher first, then a self-training run of the same seed on it
    assert [(c.split('/')[1], s) for c, s in benchmark.trained] == [
        ('dual_student', 1), ('supervised', 1), ('self_training', 1),
        ('self_training', 1)]
    with open(data_root / 'annotations' / 'person_keypoints_train.json') as f:
        persons = {a['id'] for a in json.load(f)['annotations']}
    assert len(set(pseudo_files)) == 2
    labels = {}
    for teacher, pseudo_file in zip(('ours', 'supervised'), pseudo_files):
        assert f'.{teacher}-seed1-' in pseudo_file
        with open(data_root / pseudo_file) as f:
            labels[teacher] = json.load(f)['annotations']
        assert {a['id'] for a in labels[teacher]} == persons
    # the single model labels as both students of ours' pair
    cfg = Config.fromfile(osp.join(REPO, benchmark.CONFIGS['ours'].format(
        budget='first100')))
    cfg.model.threshold = trained_threshold(cfg)
    pair = MODELS.build(cfg.model).eval()
    single = next((tmp_path / 'bench').rglob('supervised/*/iter_2000.pth'))
    load_teacher(pair, str(single))
    expected = export_pseudo_labels(pair, build_pseudo_label_dataset(
        cfg, str(data_root / 'annotations' / 'person_keypoints_train.json'),
        str(data_root / 'images')))['annotations']
    # the scores too: an untrained teacher may keep no keypoint at tau 0.5
    assert [(a['keypoints'], a['keypoint_scores'])
            for a in labels['supervised']] == [
        (a['keypoints'], a['keypoint_scores']) for a in expected]
    assert labels['ours'] != labels['supervised']
    rows = [line for line in lines if line.startswith('| first100')]
    assert rows[:2] == ['| first100 | ours + self-training | 1 | 11.0 +- 0.0 '
                        '| 11.0 | - |', '| first100 | supervised + '
                        'self-training | 1 | 11.0 +- 0.0 | 11.0 | - |']
    # a kept pseudo-label file is reused, and the table says what each row
    # learnt from: its teacher's labels of the persons outside the split,
    # here the ground truth, every other person 1,000 px off
    truth = json.loads((data_root / 'annotations' /
                        'person_keypoints_train.json').read_text())
    labeled = {a['id'] for a in json.loads(
        (data_root / 'annotations' /
         'person_keypoints_train.first100.json').read_text())['annotations']}
    off = {a['id'] for a in truth['annotations'][1::2]}
    pseudo = [dict(a, keypoints=[
        v + 1000 * (a['id'] in off and j % 3 == 0)
        for j, v in enumerate(a['keypoints'])]) for a in truth['annotations']]
    (data_root / pseudo_files[0]).write_text(json.dumps(dict(
        truth, annotations=pseudo)))
    for result in (tmp_path / 'results').rglob('*self-training/*.json'):
        result.unlink()
    benchmark.trained.clear()
    lines = benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    assert len(benchmark.trained) == 2
    points = {a['id']: sum(v > 0 for v in a['keypoints'][2::3])
              for a in truth['annotations'] if a['id'] not in labeled}
    correct = sum(n for pid, n in points.items() if pid not in off)
    assert 0 < correct < sum(points.values())
    result = next((tmp_path / 'results').rglob('ours-+-self-training/*.json'))
    assert json.loads(result.read_text())['teacher_labels'] == pytest.approx(
        dict(kept=1.0, pck=correct / sum(points.values())))
    assert (f'| first100 | ours | 1 | 100.0% | '
            f'{correct / sum(points.values()):.1%} |') in lines
    # done runs are kept: a second call trains nothing
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    assert benchmark.trained == []
    # a teacher whose checkpoint is gone is trained again for a new row
    for checkpoint in (tmp_path / 'bench').rglob('iter_2000.pth'):
        checkpoint.unlink()
    for result in (tmp_path / 'results').rglob('*self-training/*.json'):
        result.unlink()
    for pseudo_file in set(pseudo_files):
        (data_root / pseudo_file).unlink()
    benchmark.accuracy(_args(tmp_path, methods=methods[:1], seeds=[1]))
    assert [c.split('/')[1] for c, _ in benchmark.trained] == [
        'dual_student', 'self_training']


def test_every_method_has_a_config_at_every_budget(benchmark):
    assert set(benchmark.DEFAULT_METHODS) < set(benchmark.CONFIGS)
    for config in benchmark.CONFIGS.values():
        for budget in benchmark.BUDGETS:
            path = osp.join(REPO, config.format(budget=budget))
            assert osp.isfile(path), path
    # the full-label reference row is the supervised config only
    assert osp.isfile(osp.join(REPO, benchmark.CONFIGS['supervised'].format(
        budget='full')))


def test_every_method_has_its_own_plain_folder_name(benchmark):
    assert benchmark.method_slug('ours, from supervised') == \
        'ours-from-supervised'
    slugs = [benchmark.method_slug(m) for m in benchmark.CONFIGS]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r'[\w+.-]+', s) for s in slugs), slugs


def test_a_result_names_the_threads_of_its_own_run(benchmark, tmp_path):
    """Two runs at a time on this machine's cores: each result says how
    many threads trained it, not how many the benchmark process has."""
    benchmark.accuracy(_args(tmp_path, methods=['supervised'], seeds=[0],
                             jobs=2))
    [path] = (tmp_path / 'results' / 'first100' / 'supervised').glob('*.json')
    result = json.loads(path.read_text())
    assert result['threads'] == max(1, (os.cpu_count() or 1) // 2)
    assert result['machine'] == f'cpu ({result["threads"]} thread(s) per run)'


@pytest.mark.parametrize('method,role,suffix,described', [
    ('ours, from supervised', 'student', '.pth',
     'student B from the one of seed s + 3'),
    ('ours, fresh students, supervised teachers', 'teacher', '.teachers.pth',
     'teacher B the one of seed s + 3, both fixed; the students start from '
     'scratch')])
def test_a_warm_started_pair_starts_from_two_supervised_runs(
        benchmark, tmp_path, monkeypatch, method, role, suffix, described):
    fake_train = benchmark.train
    starts = []

    def train(config, work_dir, options, quiet, threads):
        fake_train(config, work_dir, options, quiet, threads)
        seed = options['randomness.seed']
        if 'dual_student' in config:
            starts.append(options['load_from'])
        else:  # a supervised model whose weight is its seed
            torch.save(dict(state_dict={'head.w': torch.tensor(seed + 0.)}),
                       osp.join(work_dir, 'iter_2000.pth'))

    monkeypatch.setattr(benchmark, 'train', train)
    lines = benchmark.accuracy(_args(tmp_path, methods=[method], seeds=[1]))
    # the supervised runs of seeds 1 and 1 + 3 first, then the pair
    assert [(c.split('/')[1], s) for c, s in benchmark.trained] == [
        ('supervised', 1), ('supervised', 4), ('dual_student', 1)]
    # the pair's start: A from seed 1's model, B from seed 4's, named by
    # their runs (in the work dir, here outside the repository)
    (start,) = starts
    assert start.startswith(str(tmp_path / 'bench'))
    assert '/first100/pair-starts/seed1-' in start and '+seed4-' in start
    assert start.endswith(suffix)
    assert start.endswith('.teachers.pth') == (role == 'teacher')
    state = torch.load(start, weights_only=False)['state_dict']
    expected = {f'{role}_a.head.w': 1., f'{role}_b.head.w': 4.}
    if role == 'teacher':
        expected['teachers_ready'] = True
    assert state == expected
    assert (f'| first100 | {method} | 1 | 11.0 +- 0.0 | 11.0 | '
            '16.0 |') in lines
    assert any(described in line for line in lines)
    # done runs are kept: a second call trains nothing
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=[method], seeds=[1]))
    assert benchmark.trained == []


def test_the_supervised_control_continues_the_supervised_run_of_its_seed(
        benchmark, tmp_path, monkeypatch):
    fake_train = benchmark.train
    starts = []

    def train(config, work_dir, options, quiet, threads):
        fake_train(config, work_dir, options, quiet, threads)
        if 'load_from' in options:
            starts.append(options['load_from'])
        torch.save(dict(state_dict={}), osp.join(work_dir, 'iter_2000.pth'))

    monkeypatch.setattr(benchmark, 'train', train)
    methods = ['supervised', 'supervised, continued']
    lines = benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    # one supervised run (no twin of seed 1 + 3), then its continuation
    assert [(osp.basename(c).split('_')[0], s)
            for c, s in benchmark.trained] == [('td-hm', 1),
                                               ('td-hm-continued', 1)]
    (start,) = starts
    assert '/first100/supervised/seed1-' in start
    assert start.endswith('/iter_2000.pth') and osp.isfile(start)
    assert ('| first100 | supervised, continued | 1 | 11.0 +- 0.0 | 11.0 | '
            '- |') in lines
    assert any('the control of their extra iterations' in line
               for line in lines)
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    assert benchmark.trained == []


def test_a_self_training_round_can_learn_from_a_warm_started_pair(
        benchmark, tmp_path, monkeypatch):
    fake_train = benchmark.train
    exported = []

    def train(config, work_dir, options, quiet, threads):
        fake_train(config, work_dir, options, quiet, threads)
        torch.save(dict(state_dict={}), osp.join(work_dir, 'iter_2000.pth'))

    def export(budget, checkpoint, out, threads, device):
        exported.append((checkpoint, out))
        os.makedirs(osp.dirname(out), exist_ok=True)
        with open(out, 'w') as f:
            json.dump(dict(annotations=[]), f)

    monkeypatch.setattr(benchmark, 'train', train)
    monkeypatch.setattr(benchmark, 'export_teacher_labels', export)
    monkeypatch.setattr(benchmark, 'teacher_label_accuracy',
                        lambda budget, pseudo_file: dict(kept=0.5, pck=0.25))
    method = 'ours, from supervised + self-training'
    lines = benchmark.accuracy(_args(tmp_path, methods=[method], seeds=[1]))
    # the pair's two supervised starts, the pair, then the round on it
    assert [(c.split('/')[1], s) for c, s in benchmark.trained] == [
        ('supervised', 1), ('supervised', 4), ('dual_student', 1),
        ('self_training', 1)]
    ((checkpoint, pseudo_file),) = exported
    assert '/ours-from-supervised/seed1-' in checkpoint
    assert checkpoint.endswith('/iter_2000.pth')
    assert '.ours-from-supervised-seed1-' in pseudo_file
    assert ('| first100 | ours, from supervised + self-training | 1 | '
            '11.0 +- 0.0 | 11.0 | - |') in lines
    assert '| first100 | ours, from supervised | 1 | 50.0% | 25.0% |' in lines
    # done runs are kept: a second call trains nothing
    benchmark.trained.clear()
    benchmark.accuracy(_args(tmp_path, methods=[method], seeds=[1]))
    assert benchmark.trained == []
    # the pair's checkpoint gone, a new round trains the pair again only
    next((tmp_path / 'bench').rglob(
        'ours-from-supervised/*/iter_2000.pth')).unlink()
    next((tmp_path / 'results').rglob('*self-training/*.json')).unlink()
    os.unlink(pseudo_file)
    benchmark.accuracy(_args(tmp_path, methods=[method], seeds=[1]))
    assert [c.split('/')[1] for c, _ in benchmark.trained] == [
        'dual_student', 'self_training']


def test_round_from_the_teacher_starts_from_the_teachers_weights(
        benchmark, synthetic_root, tmp_path, monkeypatch):
    """'supervised + self-training, from the teacher' learns the same
    pseudo-labels as the plain round, from the supervised run's final
    checkpoint instead of from scratch."""
    data_root = _budget_data(synthetic_root, tmp_path, 'first100')
    exported = []

    def export(budget, checkpoint, out, threads, device):
        exported.append((checkpoint, out))
        shutil.copy(data_root / 'annotations' / 'person_keypoints_train.json',
                    out)

    monkeypatch.setattr(benchmark, 'export_teacher_labels', export)
    options = []
    fake_train = benchmark.train

    def train(config, work_dir, run_options, quiet, threads):
        options.append(run_options)
        fake_train(config, work_dir, run_options, quiet, threads)

    monkeypatch.setattr(benchmark, 'train', train)
    methods = ['supervised + self-training',
               'supervised + self-training, from the teacher']
    lines = benchmark.accuracy(_args(tmp_path, methods=methods, seeds=[1]))
    teacher, plain_round, warm_round = options
    assert 'load_from' not in teacher and 'load_from' not in plain_round
    teacher_dir = next((tmp_path / 'bench').glob('accuracy/first100/'
                                                 'supervised/seed1-*'))
    # outside the repository, so named by its absolute path
    assert warm_round['load_from'] == str(teacher_dir / 'iter_2000.pth')
    pseudo = 'train_dataloader.dataset.datasets.1.ann_file'
    assert warm_round[pseudo] == plain_round[pseudo]
    assert len(exported) == 1  # both rounds read one export
    assert exported[0][0] == str(teacher_dir / 'iter_2000.pth')
    assert any("starting from that run's weights" in line for line in lines)
    rows = [line for line in lines if line.startswith('| first100')]
    assert rows[1].startswith('| first100 | supervised + self-training, from '
                              'the teacher | 1 | 11.0 +- 0.0 |')
    # both rounds learn the one export: one row of what they learn from
    assert [line for line in lines
            if line.startswith('| first100 | supervised | 1 |')] == [
        '| first100 | supervised | 1 | 100.0% | 100.0% |']


@pytest.mark.parametrize('method', ['ours, from supervised',
                                    'ours, fresh students, supervised '
                                    'teachers'])
def test_quality_of_a_warm_started_method_asks_for_its_pair_start(
        benchmark, tmp_path, method):
    """Such a method has no warm-up to stop at: the quality part names the
    checkpoint to pass instead of training zero iterations."""
    args = _args(tmp_path, quality_method=method, quality_budget='first70',
                 checkpoint=None)
    with pytest.raises(SystemExit, match=re.escape(
            f"--quality-method '{method}' starts from two supervised runs")
    ) as error:
        benchmark.quality(args)
    assert (f'{tmp_path}/bench/accuracy/first70/pair-starts/'
            'seed0-*+seed3-*.pth') in str(error.value)
    assert benchmark.trained == []
