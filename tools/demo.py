"""The main job: supervised < PoseDual < ours on the synthetic benchmark.

Generates the synthetic dataset (cached), then trains, two at a time with one
thread each, on the first 100 labeled persons:

1. two supervised models (seeds 0 and 3, 750 iterations): the starts of the
   pair's two students, as in the benchmark's 'from supervised' rows, where
   the pair learns from the unlabeled persons from its first iteration;
2. from them, 500 more iterations each of ours and PoseDual (the same pair
   start, students, seed and labeled crops per iteration), and of the
   supervised seed-0 model on the labeled persons alone (the control: every
   row ends after 1,250 iterations from the same model).

Prints and writes (``work_dirs/demo/``) a table of COCO AP, AP50 and AR, a
plot of validation AP over iterations and a picture of pseudo-heatmaps.

Example:
    python tools/demo.py            # what `make demo` runs
"""
import argparse
import os
import os.path as osp
import re
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List

import torch

from semipose.utils.experiments import (REPO, ensure_synthetic_data,
                                        read_scalars, report_progress, train,
                                        validation_curve)
from semipose.utils.export import pair_from_students
from semipose.utils.machine import machine

BUDGET = 'first100'
START_ITERS = 750  # of the supervised starts
# the supervised starts: (name, seed); the first is student A's and the
# control's start
STARTS = [('supervised', 0), ('supervised_seed3', 3)]
START_CONFIG = ('configs/supervised/'
                'td-hm_res18-tiny_1xb16-750it_synthetic-first100-128x96.py')
# what trains from the starts: (name, config, prefix of its logged metrics,
# starts from the pair or from student A's start alone)
METHODS = [
    ('ours', 'configs/dual_student/dual-student-from-supervised_res18-tiny_'
     '1xb32-500it_synthetic-first100-128x96.py', 'student_a/', 'pair'),
    ('PoseDual', 'configs/posedual/posedual-from-supervised_res18-tiny_'
     '1xb32-500it_synthetic-first100-128x96.py', 'student_a/', 'pair'),
    ('supervised, continued', 'configs/supervised/td-hm-continued_res18-'
     'tiny_1xb16-500it_synthetic-first100-128x96.py', '', 'supervised'),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data-root', default=osp.join(REPO, 'data',
                                                        'synthetic'))
    parser.add_argument('--work-dir', default=osp.join(REPO, 'work_dirs',
                                                       'demo'))
    parser.add_argument('--num-train', type=int, default=5000)
    parser.add_argument('--num-val', type=int, default=500)
    parser.add_argument('--jobs', type=int, default=2,
                        help='trainings at a time, the cores shared evenly '
                        '(two single-thread runs train faster than one '
                        'after the other on 2 cores)')
    parser.add_argument('--cfg-options', nargs='*', default=[],
                        help='key=value overrides for every run')
    return parser.parse_args()


def dir_name(name: str) -> str:
    """A run's folder under the work dir: its name without punctuation."""
    return re.sub(r'\W+', '_', name)


def metrics(records: List[dict], prefix: str) -> Dict:
    last = [r for r in records if f'{prefix}coco/AP' in r][-1]
    return dict(AP=last[f'{prefix}coco/AP'], AP50=last[f'{prefix}coco/AP .5'],
                AR=last[f'{prefix}coco/AR'], step=last['step'])


def plot(curves: Dict[str, list], path: str) -> None:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, curve in curves.items():
        ax.plot([s for s, _ in curve], [v * 100 for _, v in curve], 'o-',
                label=name)
    ax.axvline(START_ITERS, color='gray', lw=0.8, ls='--')
    ax.set_xlabel('iteration (the pair starts at the dashed line)')
    ax.set_ylabel('val COCO AP (%)')
    ax.set_title(f'synthetic benchmark, {BUDGET} labeled persons')
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main():
    args = parse_args()
    start = time.time()
    ensure_synthetic_data(args.data_root, args.num_train, args.num_val,
                          seed=0, first_n=[int(BUDGET[len('first'):])])
    options = dict(o.split('=', 1) for o in args.cfg_options)
    data_root = osp.relpath(args.data_root, REPO) + '/'
    if data_root != 'data/synthetic/':
        raise SystemExit('--data-root other than data/synthetic needs '
                         'matching config overrides; use the configs')
    os.makedirs(args.work_dir, exist_ok=True)
    threads = max(1, (os.cpu_count() or 1) // args.jobs)
    device = 'cuda' if torch.cuda.is_available() else 'cpu'  # mmengine's pick

    def run(name: str, config: str, prefix: str, **overrides) -> Dict:
        work_dir = osp.join(args.work_dir, dir_name(name))
        print(f'=== training {name}: {config} (log: {work_dir})', flush=True)
        t0 = time.time()
        train(config, work_dir, {**options, **overrides}, quiet=True,
              threads=threads)
        records = read_scalars(work_dir)
        result = metrics(records, prefix)
        result.update(name=name, minutes=(time.time() - t0) / 60,
                      curve=validation_curve(records, f'{prefix}coco/AP'))
        if prefix:
            result['ensemble_AP'] = metrics(records, 'ensemble/')['AP']
        print(f'=== {name}: AP {result["AP"] * 100:.1f} after '
              f'{result["minutes"]:.1f} min', flush=True)
        return result

    def run_all(jobs: List[tuple]) -> List[Dict]:
        work_dirs = {job[0]: osp.join(args.work_dir, dir_name(job[0]))
                     for job in jobs}
        with report_progress(work_dirs), ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run, name, config, prefix, **overrides)
                       for name, config, prefix, overrides in jobs]
            return [future.result() for future in futures]

    starts = run_all([(name, START_CONFIG, '', {'randomness.seed': seed})
                      for name, seed in STARTS])
    checkpoints = [osp.join(args.work_dir, dir_name(name),
                            f'iter_{START_ITERS}.pth') for name, _ in STARTS]
    pair_file = osp.join(args.work_dir, 'pair_start.pth')
    pair_from_students(*checkpoints, pair_file)
    load_from = dict(pair=pair_file, supervised=checkpoints[0])
    # the longest runs first keep both jobs busy
    rows = run_all([(name, config, prefix, {'load_from': load_from[start]})
                    for name, config, prefix, start in METHODS])
    start_row = dict(starts[0], name=f'supervised, {START_ITERS} it (start)')
    for row in rows:  # the second stage's iterations count on from the start
        row['step'] += START_ITERS
        row['curve'] = start_row['curve'][-1:] + [
            (step + START_ITERS, value) for step, value in row['curve']]
    ours, posedual, control = rows
    table_rows = [start_row, control, posedual, ours]
    lines = [
        f'Synthetic benchmark, {BUDGET} labeled persons, seed 0: supervised '
        f'for {START_ITERS} iterations (seeds 0 and 3, the students\' '
        f'starts), then {ours["step"] - START_ITERS} more (dual students: '
        'student A; ensemble in its column)', '',
        '| method | iterations | AP | AP50 | AR | ensemble AP | train min |',
        '|---|---|---|---|---|---|---|'
    ]
    for r in table_rows:
        ens = f'{r["ensemble_AP"] * 100:.1f}' if 'ensemble_AP' in r else '-'
        lines.append(f'| {r["name"]} | {r["step"]} | {r["AP"] * 100:.1f} | '
                     f'{r["AP50"] * 100:.1f} | {r["AR"] * 100:.1f} | {ens} | '
                     f'{r["minutes"]:.1f} |')
    lines += [
        '', f'ours - supervised, continued: '
        f'{(ours["AP"] - control["AP"]) * 100:+.1f} AP; '
        f'ours - PoseDual: {(ours["AP"] - posedual["AP"]) * 100:+.1f} AP',
        'ordering supervised < PoseDual < ours (after the same iterations): ' +
        ('holds' if control['AP'] < posedual['AP'] < ours['AP'] else
         'DOES NOT hold'),
        f'total time: {(time.time() - start) / 60:.1f} min',
        # the numbers differ between hosts (bf16 or fp32, float rounding)
        'machine: ' + machine(
            device, f'{threads} thread(s) per run, {args.jobs} at a time')
    ]
    table = '\n'.join(lines)
    print('\n' + table)
    with open(osp.join(args.work_dir, 'results.md'), 'w') as f:
        f.write(table + '\n')
    plot({r['name']: r['curve'] for r in table_rows},
         osp.join(args.work_dir, 'val_ap.png'))
    pictures = sorted(
        (int(p.rsplit('_', 1)[1][:-4]), osp.join(root, p))
        for root, _, files in os.walk(osp.join(args.work_dir, 'ours'))
        for p in files if p.startswith('pseudo_heatmaps_'))
    if pictures:
        shutil.copy(pictures[-1][1],
                    osp.join(args.work_dir, 'pseudo_heatmaps.png'))
    print(f'wrote {args.work_dir}/results.md, val_ap.png, '
          'pseudo_heatmaps.png')


if __name__ == '__main__':
    main()
