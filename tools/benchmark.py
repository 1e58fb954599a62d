"""Benchmarks of semipose on the synthetic data; writes docs/benchmarks.md.

Parts (accuracy, quality and cost by default):

* ``accuracy``: supervised / PoseDual / ours / denoise only / select only at
  two label budgets, several seeds, same schedule; mean and spread of the
  final student-A COCO AP. On request (``--methods 'ours + self-training'``
  and so on) a self-training round after each of them: one plain model on
  the labeled split plus that run's pseudo-labels of every training person;
  ``'ours, from supervised'`` (and denoise only, select only, PoseDual): the
  pair with its students started from two supervised runs of the budget
  (seeds s and s + 3), ``'ours, from supervised + self-training'`` the
  round on that pair, and ``'supervised, continued'`` their control: the
  supervised run of seed s trained as many more iterations on the labels
  alone.
* ``quality``: pseudo-label quality against the hidden ground truth of the
  unlabeled split (persons the training never read): kept fraction,
  PCK@0.05 of the box size and mean pixel error per denoising stage and
  threshold, for a checkpoint of ours (``--quality-method``; at the end of
  its warm-up at the lower budget unless ``--checkpoint`` or
  ``--quality-budget`` says otherwise).
* ``cost``: time per training iteration of ours, PoseDual and the
  supervised model at equal batch, ours against its FLOP-ideal (the sum of
  separately timed student passes it needs) and peak memory.
* ``active``: from the low budget, the supervised model retrained with 100
  more persons chosen by ours' uncertainty ranking against 100 chosen at
  random, every seed; PCK of the exported pseudo-labels by kept fraction.

Example:
    python tools/benchmark.py --parts cost quality
"""
import argparse
import hashlib
import json
import os
import os.path as osp
import resource
import shlex
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Dict, List, Tuple

import numpy as np
import torch

from semipose.utils.experiments import (REPO, ensure_synthetic_data,
                                        read_scalars, report_progress,
                                        run_logged, train)
from semipose.utils.export import pair_from_students
from semipose.utils.machine import machine

CONFIGS = {
    'supervised': 'configs/supervised/'
    'td-hm_res18-tiny_1xb16-2000it_synthetic-{budget}-128x96.py',
    'PoseDual': 'configs/posedual/'
    'posedual_res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'ours': 'configs/dual_student/'
    'dual-student_res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'denoise only': 'configs/dual_student/dual-student-denoise-only_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'select only': 'configs/dual_student/dual-student-select-only_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
}
# the ablation table's methods; candidates for the selection and the
# pseudo-label signal run on request (--methods), each with its configs
DEFAULT_METHODS = list(CONFIGS)
CONFIGS.update({
    'stability rule': 'configs/dual_student/dual-student-stability_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'one-way rule': 'configs/dual_student/dual-student-one-way_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'mean aggregation': 'configs/dual_student/dual-student-mean_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'mean location': 'configs/dual_student/dual-student-mean-location_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'view-std uncertainty': 'configs/dual_student/dual-student-view-std_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'view-std select only': 'configs/dual_student/'
    'dual-student-select-only-view-std_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'cross-student uncertainty, weight 2': 'configs/dual_student/'
    'dual-student-disagreement-weight2_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'EMA teachers': 'configs/dual_student/dual-student-ema_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'cross-student EMA teachers': 'configs/dual_student/'
    'dual-student-cross-ema_res18-tiny_1xb32-2000it_synthetic-{budget}-'
    '128x96.py',
    '4x unlabeled pool': 'configs/dual_student/dual-student-pool4x_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    '2x unlabeled crops': 'configs/dual_student/dual-student-unlabeled2x_'
    'res18-tiny_1xb48-2000it_synthetic-{budget}-128x96.py',
    'unit-height targets': 'configs/dual_student/dual-student-unit-height_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'tau schedule': 'configs/dual_student/dual-student-tau-schedule_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'rotated easy view': 'configs/dual_student/dual-student-rotated-easy_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'long warm-up': 'configs/dual_student/dual-student-long-warmup_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'short warm-up': 'configs/dual_student/dual-student-short-warmup_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'unlabeled weight 2': 'configs/dual_student/dual-student-unsup-weight2_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'PoseDual, plain easy view': 'configs/posedual/posedual-plain-easy_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'pool of views': 'configs/dual_student/dual-student-view-pool_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'uncertainty-weighted targets': 'configs/dual_student/'
    'dual-student-weighted_res18-tiny_1xb32-2000it_synthetic-{budget}-'
    '128x96.py',
    'single-view denoising': 'configs/dual_student/'
    'dual-student-single-view-denoise_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'no refine': 'configs/dual_student/dual-student-no-refine_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'tau 0.25': 'configs/dual_student/dual-student-low-tau_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'refine where the students disagree': 'configs/dual_student/'
    'dual-student-raw-where-agreed_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'pair-mean targets': 'configs/dual_student/dual-student-pair-mean_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'six views': 'configs/dual_student/dual-student-six-views_'
    'res18-tiny_1xb32-2000it_synthetic-{budget}-128x96.py',
    'uncertainty-ranked weights': 'configs/dual_student/'
    'dual-student-rank-weights_res18-tiny_1xb32-2000it_synthetic-{budget}-'
    '128x96.py',
})
# the schedule-length lever: every method of the ablation on twice the
# iterations (warm-up and ramp-up unchanged)
LONG_SCHEDULE = ', 4000 iterations'
CONFIGS.update({
    method + LONG_SCHEDULE: CONFIGS[method].replace('2000it', '4000it')
    for method in ('supervised', 'PoseDual', 'ours', 'denoise only')})
# one plain model (the self-training config of the budget) trained on the
# labeled split plus a teacher's pseudo-labels of every training person:
# the teacher is that method's accuracy run of the same budget and seed
SELF_TRAINING = ('configs/self_training/self-training_res18-tiny_1xb32-'
                 '2000it_synthetic-{budget}-128x96.py')
# a pair whose students start from two supervised runs of the budget, seeds
# s and s + TWIN_SEED_OFFSET for seed s (trained first, kept as supervised
# runs): student A from the supervised row's own model of that seed
WARM_STARTED = {
    'ours, from supervised': 'configs/dual_student/'
    'dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'denoise only, from supervised': 'configs/dual_student/'
    'dual-student-denoise-only-from-supervised_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'select only, from supervised': 'configs/dual_student/'
    'dual-student-select-only-from-supervised_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'PoseDual, from supervised': 'configs/posedual/'
    'posedual-from-supervised_res18-tiny_1xb32-2000it_synthetic-{budget}-'
    '128x96.py',
    'ours, from supervised, tau 0.7': 'configs/dual_student/'
    'dual-student-from-supervised-high-tau_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'ours, from supervised, agreement gate': 'configs/dual_student/'
    'dual-student-from-supervised-agreement-gate_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'ours, from supervised, frozen teachers': 'configs/dual_student/'
    'dual-student-from-supervised-frozen-teachers_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'ours, from supervised, unit-height targets': 'configs/dual_student/'
    'dual-student-from-supervised-unit-height_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'ours, from supervised, labeled-pipeline hard view': 'configs/'
    'dual_student/dual-student-from-supervised-labeled-hard-view_res18-tiny_'
    '1xb32-2000it_synthetic-{budget}-128x96.py',
}
TWIN_SEED_OFFSET = 3
# pairs whose fixed teachers are those two supervised runs and whose
# students start from scratch
SUPERVISED_TEACHERS = {
    'ours, fresh students, supervised teachers': 'configs/dual_student/'
    'dual-student-supervised-teachers_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
    'denoise only, fresh students, supervised teachers': 'configs/'
    'dual_student/dual-student-denoise-only-supervised-teachers_res18-tiny_'
    '1xb32-2000it_synthetic-{budget}-128x96.py',
    'ours, fresh students, eval-mode teachers': 'configs/dual_student/'
    'dual-student-supervised-eval-teachers_res18-tiny_1xb32-2000it_'
    'synthetic-{budget}-128x96.py',
    'select only, fresh students, supervised teachers': 'configs/'
    'dual_student/dual-student-select-only-supervised-teachers_res18-tiny_'
    '1xb32-2000it_synthetic-{budget}-128x96.py',
    'PoseDual, fresh students, supervised teachers': 'configs/posedual/'
    'posedual-supervised-teachers_res18-tiny_1xb32-2000it_synthetic-'
    '{budget}-128x96.py',
}
WARM_STARTED.update(SUPERVISED_TEACHERS)
# the control of the warm-started rows' extra iterations: the supervised
# run of seed s trained on the labels alone for as many more iterations as
# the pairs train from it
CONTINUED = 'supervised, continued'
WARM_STARTED[CONTINUED] = ('configs/supervised/td-hm-continued_res18-tiny_'
                           '1xb16-2000it_synthetic-{budget}-128x96.py')
CONFIGS.update(WARM_STARTED)


def start_offsets(method: str) -> Tuple[int, ...]:
    """Seed offsets of the supervised runs a warm-started method starts
    from: one for the supervised control, two for a pair."""
    return (0, ) if method == CONTINUED else (0, TWIN_SEED_OFFSET)


# the round after the warm-started pair asks whether the pair is a better
# teacher than the supervised model it started from
SELF_TRAINED = {f'{method} + self-training': method
                for method in DEFAULT_METHODS + ['ours, from supervised']}
# the round's model starts from its teacher's weights instead of from
# scratch, as the warm-started pair's students do: asks whether the round's
# fresh start is what it has over that pair
ROUND_FROM_TEACHER = 'supervised + self-training, from the teacher'
SELF_TRAINED[ROUND_FROM_TEACHER] = 'supervised'
CONFIGS.update({method: SELF_TRAINING for method in SELF_TRAINED})
# the lower budget first: its warm-up checkpoint is the quality part's
BUDGETS = ('first70', 'first100')
MAX_ITERS = 2000  # of every synthetic benchmark config
DATA_ROOT = osp.join(REPO, 'data', 'synthetic')
# the unlabeled persons of '4x unlabeled pool': 20,000 more images
POOL_ROOT = osp.join(REPO, 'data', 'synthetic_pool')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--parts', nargs='+',
                        default=['accuracy', 'quality', 'cost'],
                        choices=['accuracy', 'quality', 'cost', 'active'])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--budgets', nargs='+', default=list(BUDGETS),
                        choices=BUDGETS)
    parser.add_argument('--methods', nargs='+', default=DEFAULT_METHODS,
                        choices=list(CONFIGS))
    parser.add_argument('--full-label', action='store_true',
                        help='also train the supervised model on every '
                        'training person (first seed only): the reference '
                        'row')
    parser.add_argument('--no-train', action='store_true',
                        help='accuracy: build the table from the kept '
                        'results only, leaving missing runs out')
    parser.add_argument('--jobs', type=int, default=2,
                        help='accuracy runs trained at a time, the cores '
                        'shared evenly between them')
    parser.add_argument('--checkpoint', help='checkpoint of the quality '
                        "method at the quality part's budget (default: "
                        'train one to the end of its warm-up; a method that '
                        'starts from supervised runs needs it: the pair '
                        'start its accuracy run wrote)')
    parser.add_argument('--quality-budget', default=BUDGETS[0],
                        choices=BUDGETS, help='label budget of the quality '
                        'part: its config, warm-up checkpoint and unlabeled '
                        'split')
    parser.add_argument('--quality-method', default='ours',
                        choices=[m for m in CONFIGS if m != 'supervised'],
                        help="the dual method whose config (easy view "
                        "included) makes the quality part's pseudo-labels "
                        'and trains its default checkpoint')
    parser.add_argument('--work-dir', default=osp.join(REPO, 'work_dirs',
                                                       'benchmark'))
    # a run's key names its config, not the code: results of training code
    # that behaves differently go to a new folder. docs/benchmark_runs and
    # docs/benchmark_runs_same_host hold the runs made before the
    # pseudo-label geometry ran in fp32 (commit 46e2d50)
    parser.add_argument('--results-dir', default=osp.join(
        REPO, 'docs', 'benchmark_runs_fp32_geometry'), help='one JSON per '
        'finished accuracy run (committed: tables are built in pieces)')
    parser.add_argument('--out', default=osp.join(REPO, 'docs',
                                                  'benchmarks.md'))
    parser.add_argument('--device', default='cuda' if
                        torch.cuda.is_available() else 'cpu')
    return parser.parse_args()


# ------------------------------------------------------------- accuracy
def method_slug(method: str) -> str:
    """The method's folder name: 'ours, from supervised' ->
    'ours-from-supervised'."""
    return method.replace(',', '').replace(' ', '-')


def run_key(config: str, options: Dict, device: str) -> str:
    """Identity of one training run: its resolved config (seed included)
    without what only records the run (checkpoint and logger hooks, which
    change neither weights nor metrics), the synthetic data it reads and
    the kind of device it trains on."""
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(REPO, config))
    cfg.merge_from_dict(options)
    for recorder in ('checkpoint', 'logger'):
        cfg.default_hooks.pop(recorder, None)
    with open(osp.join(DATA_ROOT, 'semipose_synthetic.json')) as f:
        data = f.read()
    text = (json.dumps(cfg.to_dict(), sort_keys=True, default=str) + data +
            device.split(':')[0])
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def repo_relative(path: str) -> str:
    """``path`` relative to the repository (the trainings' working
    directory) when it lies under it, so that a run key naming it does not
    depend on where the clone lies."""
    if path.startswith(REPO + os.sep):
        return osp.relpath(path, REPO)
    return path


def final_metrics(work_dir: str) -> Dict[str, float]:
    """AP of student A (or of the single model) and of the ensemble at the
    last validation, in percent."""
    records = read_scalars(work_dir)
    # a dual-student run logs each student's metrics under its prefix
    dual = any('student_a/coco/AP' in r for r in records)
    prefix = 'student_a/' if dual else ''
    last = [r for r in records if f'{prefix}coco/AP' in r][-1]
    result = dict(AP=last[f'{prefix}coco/AP'] * 100)
    if dual:
        result['ensemble_AP'] = last['ensemble/coco/AP'] * 100
    return result


def train_and_record(config: str, options: Dict, work_dir: str, path: str,
                     threads: int, device: str, **fields) -> Dict:
    """Train one run and write its final metrics (plus ``fields``, which
    hold its ``method``, the config, options and minutes) to the JSON file
    ``path``."""
    # a run killed before its result is written is retrained from scratch
    shutil.rmtree(work_dir, ignore_errors=True)
    t0 = time.time()
    # the tables need the final AP only: validate once, at the end
    train(config, work_dir, options, quiet=True, threads=threads)
    result = dict(final_metrics(work_dir), **fields,
                  config=config, options=options,
                  minutes=(time.time() - t0) / 60, threads=threads,
                  machine=machine(device, f'{threads} thread(s) per run'))
    os.makedirs(osp.dirname(path), exist_ok=True)
    with open(path + '.tmp', 'w') as f:
        json.dump(result, f, indent=1)
    os.replace(path + '.tmp', path)
    return result


def export_teacher_labels(budget: str, checkpoint: str, out: str,
                          threads: int, device: str) -> None:
    """Pseudo-labels of every training person by a teacher checkpoint (a
    pair, or a single model as both students) through ours' denoising path
    at the budget (``tools/misc/pseudo_label.py``), to ``out``."""
    cmd = [sys.executable, osp.join(REPO, 'tools', 'misc', 'pseudo_label.py'),
           osp.join(REPO, CONFIGS['ours'].format(budget=budget)), checkpoint,
           '--ann', osp.join(DATA_ROOT, 'annotations',
                             'person_keypoints_train.json'),
           '--img-prefix', osp.join(DATA_ROOT, 'images'), '--out', out,
           '--workers', '0', '--batch-size', '64', '--device', device]
    env = dict(os.environ, PYTHONWARNINGS='ignore',
               OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    run_logged(cmd, env, osp.splitext(out)[0] + '_output.txt',
               f'the pseudo-label export of {checkpoint}')


def teacher_label_accuracy(budget: str, pseudo_file: str) -> Dict:
    """Share of the labeled keypoints kept and PCK@0.05 of the kept ones,
    of a teacher's pseudo-labels of the persons outside the budget's
    labeled split, against their hidden ground truth."""
    from semipose.evaluation import kept_pseudo_label_pck
    annotations = osp.join(DATA_ROOT, 'annotations')
    with open(osp.join(annotations, 'person_keypoints_train.json')) as f:
        truth = json.load(f)
    with open(osp.join(annotations,
                       f'person_keypoints_train.{budget}.json')) as f:
        labeled = {a['id'] for a in json.load(f)['annotations']}
    with open(pseudo_file) as f:
        pseudo = json.load(f)
    return kept_pseudo_label_pck(dict(pseudo, annotations=[
        a for a in pseudo['annotations'] if a['id'] not in labeled]), truth)


def accuracy(args) -> List[str]:
    runs = [(budget, method, seed) for budget in args.budgets
            for method in args.methods for seed in args.seeds]
    if args.full_label:  # the supervised config of budget 'full'
        runs.append(('full', 'supervised', args.seeds[0]))
    # a self-trained row's teacher and a warm-started pair's supervised
    # models are runs of their own, trained first; their checkpoints are
    # needed
    teachers = [(b, SELF_TRAINED[m], s) for b, m, s in runs
                if m in SELF_TRAINED]
    # a warm-started teacher comes after its own supervised runs
    warm_runs = list(dict.fromkeys(
        [r for r in runs if r[1] in WARM_STARTED] +
        [t for t in teachers if t[1] in WARM_STARTED]))
    trained_runs = [r for r in runs
                    if r[1] not in SELF_TRAINED and r[1] not in WARM_STARTED]
    starts = [(b, 'supervised', s + offset) for b, m, s in warm_runs
              for offset in start_offsets(m)]
    trained_runs += [t for t in dict.fromkeys(
        [t for t in teachers if t[1] not in WARM_STARTED] + starts)
        if t not in trained_runs]
    threads = run_threads(args.jobs)
    results = {}
    start = time.time()

    def locate(budget, method, seed, **options) -> Tuple:
        """The run's config, options, work dir and result file."""
        config = CONFIGS[method].format(budget=budget)
        options = {'randomness.seed': seed,
                   'train_cfg.val_interval': MAX_ITERS, **options}
        key = run_key(config, options, args.device)
        name = osp.join(budget, method_slug(method), f'seed{seed}-{key}')
        return (config, options, osp.join(args.work_dir, 'accuracy', name),
                osp.join(args.results_dir, name + '.json'))

    def run(budget, method, seed, config, options, work_dir, path,
            prepare=None) -> None:
        # what the run learns from or starts from, made first
        fields = prepare() if prepare else {}
        result = train_and_record(config, options, work_dir, path, threads,
                                  args.device, budget=budget, method=method,
                                  seed=seed, **fields)
        results[budget, method, seed] = result
        print(f'[{len(results)}] {budget} {method} seed {seed}: '
              f'AP {result["AP"]:.1f} ({result["minutes"]:.1f} min; '
              f'{(time.time() - start) / 60:.1f} min so far)', flush=True)

    def train_all(todo) -> None:
        if args.no_train:
            print(f'--no-train: the table leaves {len(todo)} missing runs '
                  'out', flush=True)
            return
        # the longest runs first keep the parallel jobs evenly busy
        todo.sort(key=lambda run: run[1].startswith('supervised'))
        work_dirs = {f'{r[0]} {r[1]} seed {r[2]}': r[5] for r in todo}
        with report_progress(work_dirs), \
                ThreadPoolExecutor(args.jobs) as pool:
            for future in [pool.submit(run, *r) for r in todo]:
                future.result()

    todo = []
    for budget, method, seed in trained_runs:
        config, options, work_dir, result = locate(budget, method, seed)
        checkpoint = osp.join(work_dir, f'iter_{MAX_ITERS}.pth')
        needs_checkpoint = ((budget, method, seed) in teachers + starts and
                            not args.no_train and not osp.isfile(checkpoint))
        if osp.isfile(result) and not needs_checkpoint:
            with open(result) as f:
                results[budget, method, seed] = json.load(f)
        else:
            if osp.isfile(result):
                print(f'{budget} {method} seed {seed}: its result is kept '
                      f'but not its checkpoint ({checkpoint}), which the '
                      'self-training round or the warm-started pair needs: '
                      'trained again', flush=True)
            todo.append((budget, method, seed, config, options, work_dir,
                         result))
    print(f'{len(trained_runs)} runs (self-training and warm-started rows '
          'aside): '
          f'{len(trained_runs) - len(todo)} already done (kept in '
          f'{args.results_dir}), {len(todo)} to train, {args.jobs} at a time '
          f'with {threads} thread(s) each', flush=True)
    train_all(todo)

    def teacher_labels(budget, checkpoint, pseudo_file) -> Dict:
        if not osp.isfile(pseudo_file):
            export_teacher_labels(budget, checkpoint, pseudo_file, threads,
                                  args.device)
        return dict(teacher_labels=teacher_label_accuracy(budget,
                                                          pseudo_file))

    def pair_start(checkpoints, pair_file, into) -> Dict:
        if not osp.isfile(pair_file):
            os.makedirs(osp.dirname(pair_file), exist_ok=True)
            pair_from_students(*checkpoints, pair_file + '.tmp', into)
            os.replace(pair_file + '.tmp', pair_file)
        return dict(started_from=[osp.relpath(c, args.work_dir)
                                  for c in checkpoints])

    def locate_pair(budget, method, seed) -> Tuple:
        """:func:`locate` of a warm-started run, and its start."""
        start_dirs = [locate(budget, 'supervised', seed + offset)[2]
                      for offset in start_offsets(method)]
        checkpoints = [osp.join(d, f'iter_{MAX_ITERS}.pth')
                       for d in start_dirs]
        if len(checkpoints) == 1:  # one model continued: no pair to write
            return locate(budget, method, seed,
                          load_from=repo_relative(checkpoints[0])) + (
                lambda: dict(started_from=[
                    osp.relpath(checkpoints[0], args.work_dir)]), )
        # named after the supervised runs: their keys name their training
        into = 'teachers' if method in SUPERVISED_TEACHERS else 'students'
        pair_file = repo_relative(osp.join(
            args.work_dir, 'accuracy', budget, 'pair-starts',
            '+'.join(osp.basename(d) for d in start_dirs) +
            ('.teachers' if into == 'teachers' else '') + '.pth'))
        return locate(budget, method, seed, load_from=pair_file) + (
            partial(pair_start, checkpoints, osp.join(REPO, pair_file),
                    into),)

    todo = []
    for budget, method, seed in warm_runs:
        config, options, work_dir, result, prepare = locate_pair(
            budget, method, seed)
        needs_checkpoint = ((budget, method, seed) in teachers and
                            not args.no_train and not osp.isfile(
                                osp.join(work_dir, f'iter_{MAX_ITERS}.pth')))
        if osp.isfile(result) and not needs_checkpoint:
            with open(result) as f:
                results[budget, method, seed] = json.load(f)
            continue
        todo.append((budget, method, seed, config, options, work_dir, result,
                     prepare))
    if todo:
        print(f'{len(todo)} warm-started runs to train', flush=True)
        train_all(todo)

    todo = []
    for budget, method, seed in runs:
        if method not in SELF_TRAINED:
            continue
        teacher = SELF_TRAINED[method]
        teacher_dir = (locate_pair if teacher in WARM_STARTED else locate)(
            budget, teacher, seed)[2]
        # named after the teacher's run: its key names its training
        pseudo_file = osp.join('annotations', f'pseudo_labels.{budget}.'
                               f'{method_slug(teacher)}-'
                               f'{osp.basename(teacher_dir)}.json')
        teacher_checkpoint = osp.join(teacher_dir, f'iter_{MAX_ITERS}.pth')
        round_start = ({'load_from': repo_relative(teacher_checkpoint)}
                       if method == ROUND_FROM_TEACHER else {})
        config, options, work_dir, result = locate(
            budget, method, seed,
            **{'train_dataloader.dataset.datasets.1.ann_file': pseudo_file},
            **round_start)
        if osp.isfile(result):
            with open(result) as f:
                results[budget, method, seed] = json.load(f)
            continue
        todo.append((budget, method, seed, config, options, work_dir, result,
                     partial(teacher_labels, budget, teacher_checkpoint,
                             osp.join(DATA_ROOT, pseudo_file))))
    if todo:
        print(f'{len(todo)} self-training runs to train', flush=True)
        train_all(todo)

    lines = [f'Runs of {MAX_ITERS} iterations (or the number the method '
             'names); student A for the dual '
             'methods (ensemble of both students in the last column); the AP '
             'of the final checkpoint on the 500 validation images. Each '
             f'result is kept in `{osp.relpath(args.results_dir, REPO)}/`, '
             'keyed by its resolved config, seed, data and device kind, with '
             'its training minutes.', '']
    for method in args.methods:
        if method in SELF_TRAINED:
            lines += [f'{method}: one plain model (`{SELF_TRAINING}`) trained '
                      'on the labeled split plus the pseudo-labels of every '
                      f'training person by the {SELF_TRAINED[method]} run of '
                      'the same budget and seed, made through ours\' '
                      'denoising path' + (
                          ', starting from that run\'s weights'
                          if method == ROUND_FROM_TEACHER else '') + '.', '']
        if method == CONTINUED:
            lines += [f'{method}: the supervised run of the same budget and '
                      f'seed trained {MAX_ITERS} more iterations on the '
                      'labeled split alone (the warm-started rows\' '
                      'schedule from the same model): the control of their '
                      'extra iterations.', '']
        elif method in SUPERVISED_TEACHERS:
            lines += [f'{method}: teacher A is the supervised run of the same '
                      'budget and seed s, teacher B the one of seed s + '
                      f'{TWIN_SEED_OFFSET}, both fixed; the students start '
                      'from scratch.', '']
        elif method in WARM_STARTED:
            lines += [f'{method}: student A starts from the supervised run '
                      'of the same budget and seed s, student B from the one '
                      f'of seed s + {TWIN_SEED_OFFSET}.', '']
    lines += ['| budget | method | seeds | AP mean +- std | AP per seed | '
              'ensemble AP per seed |', '|---|---|---|---|---|---|']
    for budget in args.budgets + (['full'] if args.full_label else []):
        for method in args.methods:
            seeds = [s for s in args.seeds if (budget, method, s) in results]
            if not seeds:
                continue
            aps = [results[budget, method, s]['AP'] for s in seeds]
            ensemble = [results[budget, method, s].get('ensemble_AP')
                        for s in seeds]
            ensemble = ', '.join(f'{a:.1f}' for a in ensemble
                                 if a is not None) or '-'
            per_seed = ', '.join(f'{a:.1f}' for a in aps)
            lines.append(f'| {budget} | {method} | '
                         f'{", ".join(map(str, seeds))} | {np.mean(aps):.1f} '
                         f'+- {np.std(aps):.1f} | {per_seed} | {ensemble} |')
    learnt = [(budget, method, seed, results[budget, method, seed].get(
        'teacher_labels')) for budget, method, seed in runs
        if method in SELF_TRAINED and (budget, method, seed) in results]
    if learnt:
        lines += ['', 'What the self-training rows learn from: the teacher\'s '
                  'pseudo-labels of the persons outside the labeled split, '
                  'against their hidden ground truth (per seed).', '',
                  '| budget | teacher | seeds | labeled keypoints kept | '
                  'PCK@0.05 of the kept |', '|---|---|---|---|---|']
        for budget in args.budgets:
            for method in args.methods:
                rows = [(s, (q['kept'], q['pck'])) for b, m, s, q in learnt
                        if (b, m) == (budget, method) and q]
                if not rows:
                    continue
                row = (f'| {budget} | {SELF_TRAINED[method]} | '
                       f'{", ".join(str(s) for s, _ in rows)} | '
                       f'{", ".join(f"{q[0]:.1%}" for _, q in rows)} | '
                       f'{", ".join(f"{q[1]:.1%}" for _, q in rows)} |')
                # rounds of one teacher learn the same labels: one row
                if row not in lines:
                    lines.append(row)
    return lines


# -------------------------------------------------------------- quality
def quality(args) -> List[str]:
    from mmengine.config import Config
    from mmengine.runner import load_checkpoint
    from mmpose.registry import DATASETS, MODELS, TRANSFORMS

    from semipose.evaluation import pseudo_label_quality

    budget = args.quality_budget
    config = CONFIGS[args.quality_method].format(budget=budget)
    cfg = Config.fromfile(osp.join(REPO, config))
    checkpoint = args.checkpoint
    if checkpoint is None and args.quality_method in WARM_STARTED:
        # its pseudo-labelers are the supervised runs it starts from: no
        # warm-up of its own to stop at
        raise SystemExit(
            f"--quality-method '{args.quality_method}' starts from two "
            'supervised runs and has no warm-up of its own: pass '
            '--checkpoint, the pair start its accuracy run wrote (e.g. '
            f'{repo_relative(args.work_dir)}/accuracy/{budget}/'
            'pair-starts/seed0-*+seed3-*.pth)')
    if checkpoint is None:
        # the pseudo-labels the students first learn from: the method at the
        # end of its supervised warm-up (the run stopped there; the schedule up
        # to that point is the full run's)
        warmup = cfg.custom_hooks[0].warmup_iters
        work_dir = osp.join(args.work_dir, 'quality',
                            method_slug(args.quality_method))
        if budget != BUDGETS[0]:
            work_dir = osp.join(work_dir, budget)
        train(config, work_dir, {'train_cfg.max_iters': warmup,
                                 'train_cfg.val_interval': warmup},
              quiet=True)
        checkpoint = osp.join(work_dir, f'iter_{warmup}.pth')
    model = MODELS.build(cfg.model)
    load_checkpoint(model, checkpoint, map_location='cpu')
    model.train()  # pseudo-labels are made in training mode
    num_labeled = int(budget[len('first'):])
    full = DATASETS.build(dict(
        type='CocoDataset', data_root='data/synthetic/', data_mode='topdown',
        ann_file='annotations/person_keypoints_train.json',
        data_prefix=dict(img='images/'), pipeline=[]))
    unlabeled = DATASETS.build(dict(
        type='CocoDataset', data_root='data/synthetic/', data_mode='topdown',
        ann_file='annotations/person_keypoints_train.json',
        data_prefix=dict(img='images/'), pipeline=[],
        indices=list(range(num_labeled, len(full)))))
    lines = [f'Checkpoint: `{osp.relpath(checkpoint, REPO)}` ({config}); '
             f'500 persons of the unlabeled split (not among the first '
             f'{num_labeled}); student A.']
    pipeline = cfg.train_dataloader.dataset.pipeline
    # the easy view the pseudo-labels are made on: the config's (random
    # rotation, scale and flip by default), then the person's plain crop
    plain = [dict(t, easy=dict()) if t['type'] == 'MultiViewAugment' else t
             for t in pipeline]
    for view, views_pipeline in (("the config's easy view", pipeline),
                                 ('the plain crop (no easy-view '
                                  'augmentation)', plain)):
        np.random.seed(0)
        rows = pseudo_label_quality(
            model, unlabeled, [TRANSFORMS.build(t) for t in views_pipeline],
            thresholds=(0.0, 0.3, 0.5, 0.7), num_samples=500)
        lines += ['', f'Pseudo-labels made on {view}:', '',
                  '| stage | tau | kept | PCK@0.05 of kept | mean error of '
                  'kept (px) |', '|---|---|---|---|---|']
        lines += [f'| {r["stage"]} | {r["threshold"]:.1f} | '
                  f'{r["kept"] * 100:.1f} % | {r["pck"] * 100:.1f} % | '
                  f'{r["error"]:.1f} |' for r in rows]
    return lines


# ----------------------------------------------------------------- cost
def _batch(cfg, device):
    from mmengine.dataset import pseudo_collate
    from mmpose.registry import DATASETS
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    batch_size = cfg.train_dataloader.batch_size
    if cfg.train_dataloader.dataset.type == 'CombinedDataset':
        half = batch_size // 2
        n0 = dataset._lens[0]
        idx = list(range(half)) + list(range(n0, n0 + batch_size - half))
    else:
        idx = list(range(batch_size))
    np.random.seed(0)
    return pseudo_collate([dataset[i] for i in idx])


def _time(fn, repeats: int, device: str) -> float:
    """Median seconds of one call (after two warm-up calls)."""
    def sync():
        if device.startswith('cuda'):
            torch.cuda.synchronize()

    fn()
    fn()
    times = []
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        fn()
        sync()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def cost(args) -> List[str]:
    from mmengine.config import Config
    from mmengine.optim import build_optim_wrapper
    from mmpose.registry import MODELS

    device = args.device
    repeats = 30 if device.startswith('cuda') else 15
    results: Dict[str, float] = {}
    memory: Dict[str, float] = {}
    for method in ('supervised', 'PoseDual', 'ours'):
        cfg = Config.fromfile(osp.join(
            REPO, CONFIGS[method].format(budget='first100')))
        # equal batch: the supervised model gets as many crops as the dual
        # students' labeled + unlabeled halves
        cfg.train_dataloader.batch_size = 32
        model = MODELS.build(cfg.model).to(device)
        model.train()
        if any(h.type == 'ChannelsLastHook' for h in cfg.custom_hooks):
            model.to(memory_format=torch.channels_last)
        if method != 'supervised':
            model.threshold, model.unsup_weight = 0.5, 1.0
        optim = build_optim_wrapper(model, cfg.optim_wrapper)
        data = model.data_preprocessor(_batch(cfg, device), training=True)

        def step():
            with optim.optim_context(model):
                losses = model(**data, mode='loss')
            loss, _ = model.parse_losses(losses)
            optim.update_params(loss)

        if device.startswith('cuda'):
            torch.cuda.reset_peak_memory_stats()
        results[method] = _time(step, repeats, device)
        memory[method] = (torch.cuda.max_memory_allocated() / 2**20
                          if device.startswith('cuda') else
                          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss /
                          1024)
        if method == 'ours':
            inputs = data['inputs']
            student = model.student_a

            def fwd_bwd(x):
                def run():
                    with optim.optim_context(model):
                        out = model.student_heatmaps(student, x)
                    out.float().mean().backward()
                return run

            def no_grad_views():
                with torch.no_grad(), optim.optim_context(model):
                    model.student_heatmaps(student,
                                           inputs['unsup_views'].flatten(0, 1))

            ideal = 2 * (_time(fwd_bwd(inputs['sup']), repeats, device) +
                         _time(fwd_bwd(inputs['unsup_hard']), repeats,
                               device) +
                         _time(no_grad_views, repeats, device))
            results['ideal'] = ideal
            num_views = inputs['unsup_views'].shape[1]
    lines = [
        f'Batch: {cfg.train_dataloader.batch_size} crops (dual students: '
        f'half labeled, half unlabeled with K = {num_views} pseudo-label '
        'views); data loading excluded; the configs\' optim wrapper '
        f'({type(optim).__name__}) and memory format.', '',
        '| method | s / iteration | relative to supervised | peak memory '
        f'({"GPU allocated" if device.startswith("cuda") else "process RSS"}, '
        'MiB) |', '|---|---|---|---|'
    ]
    for method in ('supervised', 'PoseDual', 'ours'):
        lines.append(f'| {method} | {results[method]:.3f} | '
                     f'{results[method] / results["supervised"]:.2f} | '
                     f'{memory[method]:.0f} |')
    lines += [
        '', f'Ours against its FLOP-ideal, 2 x (labeled fwd+bwd + hard '
        f'fwd+bwd + {num_views} no-grad views), timed separately: '
        f'{results["ideal"]:.3f} s; overhead ratio '
        f'**{results["ours"] / results["ideal"]:.2f}** (goal <= 1.10).'
    ]
    return lines


# --------------------------------------------------------------- active
ACTIVE_ADDED = 100  # persons added to the low budget's labeled split


def active(args) -> List[str]:
    """Which persons to label next: from the low budget, the supervised
    model retrained with 100 persons chosen by the pair's uncertainty
    ranking against 100 chosen at random (labels from the synthetic ground
    truth), every seed; one supervised model trained on the labeled split
    plus the pair's pseudo-labels (the self-training config), every seed;
    and the PCK of the exported pseudo-labels by kept fraction."""
    from mmengine.config import Config
    from mmengine.runner import load_checkpoint
    from mmpose.registry import MODELS

    from semipose.datasets.splits import grow_split
    from semipose.evaluation import exported_pck
    from semipose.utils.pseudo_labels import (build_pseudo_label_dataset,
                                              export_pseudo_labels,
                                              rank_by_uncertainty,
                                              trained_threshold)

    budget, seed = BUDGETS[0], args.seeds[0]
    annotations = osp.join(DATA_ROOT, 'annotations')
    full_file = osp.join(annotations, 'person_keypoints_train.json')
    labeled_file = osp.join(annotations,
                            f'person_keypoints_train.{budget}.json')
    work_dir = osp.join(args.work_dir, 'active')
    os.makedirs(work_dir, exist_ok=True)

    # the pair: ours at the low budget (the accuracy part's run, if kept)
    config = CONFIGS['ours'].format(budget=budget)
    options = {'randomness.seed': seed, 'train_cfg.val_interval': MAX_ITERS}
    key = run_key(config, options, args.device)
    pair_dir = osp.join(args.work_dir, 'accuracy', budget, 'ours',
                        f'seed{seed}-{key}')
    checkpoint = osp.join(pair_dir, f'iter_{MAX_ITERS}.pth')
    pair_result = osp.join(args.results_dir, budget, 'ours',
                           f'seed{seed}-{key}.json')
    # its result counts for accuracy too
    if not (osp.isfile(checkpoint) and osp.isfile(pair_result)):
        train_and_record(
            config, options, pair_dir, pair_result,
            os.cpu_count() or 1, args.device, budget=budget, method='ours',
            seed=seed)

    # its pseudo-labels of every unlabeled person, every keypoint kept
    # (threshold 0) so that the PCK table can rank them all by score
    with open(full_file) as f:
        full = json.load(f)
    with open(labeled_file) as f:
        labeled_ids = {a['id'] for a in json.load(f)['annotations']}
    unlabeled_file = osp.join(work_dir, 'unlabeled.json')
    with open(unlabeled_file, 'w') as f:
        json.dump(dict(full, annotations=[
            a for a in full['annotations'] if a['id'] not in labeled_ids]), f)
    cfg = Config.fromfile(osp.join(REPO, config))
    threshold = trained_threshold(cfg)
    cfg.model.threshold = 0.0
    model = MODELS.build(cfg.model)
    load_checkpoint(model, checkpoint, map_location='cpu')
    model.to(args.device).eval()
    dataset = build_pseudo_label_dataset(cfg, unlabeled_file,
                                         osp.join(DATA_ROOT, 'images'))
    pseudo = export_pseudo_labels(model, dataset, batch_size=64)

    ranked = [a['id'] for a in rank_by_uncertainty(pseudo['annotations'],
                                                   ACTIVE_ADDED)]
    candidates = sorted(a['id'] for a in pseudo['annotations'])
    chosen_at_random = np.random.default_rng(0).choice(
        candidates, ACTIVE_ADDED, replace=False).tolist()
    supervised = CONFIGS['supervised'].format(budget=budget)
    todo, results = [], {}

    def plan(name: str, run_config: str, run_seed: int, method: str,
             **run_options) -> None:
        """Keep a done run's result, else queue its training."""
        run_options = {'randomness.seed': run_seed,
                       'train_cfg.val_interval': MAX_ITERS, **run_options}
        run = osp.join('active', budget, name, f'seed{run_seed}-'
                       f'{run_key(run_config, run_options, args.device)}')
        path = osp.join(args.results_dir, run + '.json')
        if osp.isfile(path):
            with open(path) as f:
                results[name, run_seed] = json.load(f)
        else:
            todo.append((name, run_config, run_seed, method, run_options,
                         osp.join(args.work_dir, run), path))

    for choice, ids in (('ranked', ranked), ('random', chosen_at_random)):
        # the file name carries the ids' digest: another pair, another run
        digest = hashlib.sha1(json.dumps(ids).encode()).hexdigest()[:8]
        grown = grow_split(full_file, labeled_file, ids, osp.join(
            annotations, f'person_keypoints_train.{budget}+{choice}'
            f'{ACTIVE_ADDED}-{digest}.json'))
        for run_seed in args.seeds:
            plan(choice, supervised, run_seed, 'supervised', **{
                'train_dataloader.dataset.ann_file':
                osp.relpath(grown, DATA_ROOT)})

    # the self-training round: the pair's pseudo-labels at its own
    # threshold, of every training person as in the config's header
    model.threshold = threshold
    all_persons = build_pseudo_label_dataset(cfg, full_file,
                                             osp.join(DATA_ROOT, 'images'))
    pseudo_all = export_pseudo_labels(model, all_persons, batch_size=64)
    kept = sum(a['num_keypoints'] for a in pseudo_all['annotations'])
    self_training = SELF_TRAINING.format(budget=budget)
    text = json.dumps(pseudo_all)
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    pseudo_file = osp.join(annotations,
                           f'pseudo_labels.{budget}-{digest}.json')
    with open(pseudo_file, 'w') as f:
        f.write(text)
    for run_seed in args.seeds:
        plan('self-training', self_training, run_seed, 'self-training', **{
            'train_dataloader.dataset.datasets.1.ann_file':
            osp.relpath(pseudo_file, DATA_ROOT)})

    threads = run_threads(args.jobs)

    def run(name, run_config, run_seed, method, run_options, run_dir,
            path) -> None:
        results[name, run_seed] = train_and_record(
            run_config, run_options, run_dir, path, threads, args.device,
            budget=budget, method=method, seed=run_seed, variant=name)

    with report_progress({f'{r[0]} seed {r[2]}': r[5] for r in todo}), \
            ThreadPoolExecutor(args.jobs) as pool:
        for future in [pool.submit(run, *r) for r in todo]:
            future.result()

    def row(label: str, aps: List[float]) -> str:
        return (f'| {label} | {np.mean(aps):.1f} +- {np.std(aps):.1f} | '
                f'{", ".join(f"{a:.1f}" for a in aps)} |')

    with open(pair_result) as f:
        pair = json.load(f)
    lines = [f'Supervised model ({supervised}) retrained on the {budget} '
             f'split plus {ACTIVE_ADDED} persons with their ground truth, '
             'chosen by the highest mean keypoint uncertainty of ours (seed '
             f'{seed}, `{osp.relpath(checkpoint, REPO)}`) or at random; '
             'final AP on the 500 validation images.', '',
             '| added persons | AP mean +- std | AP per seed |',
             '|---|---|---|']
    lines += [row(f'{ACTIVE_ADDED} {choice}',
                  [results[choice, s]['AP'] for s in args.seeds])
              for choice in ('ranked', 'random')]
    lines += ['', f'Self-training round ({self_training}): one supervised '
              f'model on the {budget} split plus the pair\'s pseudo-labels '
              f'of every training person (threshold {threshold}, {kept} '
              'keypoints kept), against the pair it learns from.', '',
              '| model | AP mean +- std | AP per seed |', '|---|---|---|',
              row('self-training', [results['self-training', s]['AP']
                                    for s in args.seeds]),
              row(f'the pair, student A (seed {seed})', [pair['AP']]),
              row(f'the pair, ensemble (seed {seed})', [pair['ensemble_AP']])]
    lines += ['', f'PCK@0.05 (of the box\'s longer side) of the exported '
              f'pseudo-labels of the {len(pseudo["annotations"])} unlabeled '
              'persons against their hidden ground truth, the most confident '
              'keypoints kept first (labeled keypoints only).', '',
              '| kept | keypoints | lowest kept score | PCK@0.05 |',
              '|---|---|---|---|']
    lines += [f'| {r["kept"] * 100:.0f} % | {r["num"]} | '
              f'{r["min_score"]:.2f} | {r["pck"] * 100:.1f} % |'
              for r in exported_pck(pseudo, full)]
    return lines


def run_threads(jobs: int) -> int:
    """Threads of each training run when ``jobs`` run at a time."""
    return max(1, (os.cpu_count() or 1) // jobs)


def main():
    args = parse_args()
    from mmpose.utils import register_all_modules
    register_all_modules(init_default_scope=True)
    ensure_synthetic_data(DATA_ROOT, 5000, 500, 0,
                          [int(b[len('first'):]) for b in BUDGETS])
    if '4x unlabeled pool' in args.methods and 'accuracy' in args.parts:
        ensure_synthetic_data(POOL_ROOT, 20000, 0, 1, [])
    os.chdir(REPO)
    sections = []
    for part in args.parts:
        start = time.time()
        lines = dict(accuracy=accuracy, quality=quality, cost=cost,
                     active=active)[part](args)
        sections.append((part, lines, (time.time() - start) / 60))
        print('\n'.join(lines), flush=True)
    command = 'python tools/benchmark.py ' + shlex.join(sys.argv[1:])
    # the parts that train do so in subprocesses, --jobs at a time
    training = (f'{run_threads(args.jobs)} thread(s) per run, {args.jobs} '
                'at a time')
    text = []
    for part, lines, minutes in sections:
        where = machine(args.device,
                        training if part in ('accuracy', 'active') else '')
        text.append(f'## {part} ({where}; {minutes:.1f} min)\n\n'
                    f'`{command}`\n\n' + '\n'.join(lines) + '\n')
    mode = 'a' if osp.isfile(args.out) else 'w'
    with open(args.out, mode) as f:
        if mode == 'w':
            f.write('# Benchmarks\n\nWritten by `tools/benchmark.py`; every '
                    'table names the command and the machine.\n\n')
        f.write('\n'.join(text) + '\n')
    print(f'appended to {args.out}')


if __name__ == '__main__':
    main()
