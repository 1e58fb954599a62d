"""The main job: supervised < PoseDual < ours on the synthetic benchmark.

Generates the synthetic dataset (cached), trains the supervised baseline,
PoseDual and ours with the same students, seed, iterations and label budget
(the first 100 labeled persons; the benchmark's configs cut to 750
iterations), two at a time with one thread each, then prints and
writes (``work_dirs/demo/``) a table of COCO AP, AP50 and AR, a plot of
validation AP over iterations and a picture of pseudo-heatmaps.

Example:
    python tools/demo.py            # what `make demo` runs
"""
import argparse
import os
import os.path as osp
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

from semipose.utils.experiments import (REPO, ensure_synthetic_data,
                                        read_scalars, report_progress, train,
                                        validation_curve)

BUDGET = 'first100'
# (name, config, prefix of its logged metrics)
METHODS = [
    ('supervised', 'configs/supervised/'
     'td-hm_res18-tiny_1xb16-750it_synthetic-first100-128x96.py', ''),
    ('PoseDual', 'configs/posedual/'
     'posedual_res18-tiny_1xb32-750it_synthetic-first100-128x96.py',
     'student_a/'),
    ('ours', 'configs/dual_student/'
     'dual-student_res18-tiny_1xb32-750it_synthetic-first100-128x96.py',
     'student_a/'),
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


def metrics(records, prefix):
    last = [r for r in records if f'{prefix}coco/AP' in r][-1]
    return dict(AP=last[f'{prefix}coco/AP'], AP50=last[f'{prefix}coco/AP .5'],
                AR=last[f'{prefix}coco/AR'], step=last['step'])


def plot(curves, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 4))
    for name, curve in curves.items():
        ax.plot([s for s, _ in curve], [v * 100 for _, v in curve], 'o-',
                label=name)
    ax.set_xlabel('iteration')
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

    def run(name: str, config: str, prefix: str) -> dict:
        work_dir = osp.join(args.work_dir, name)
        print(f'=== training {name}: {config} (log: {work_dir})', flush=True)
        t0 = time.time()
        train(config, work_dir, options, quiet=True, threads=threads)
        records = read_scalars(work_dir)
        result = metrics(records, prefix)
        result.update(name=name, minutes=(time.time() - t0) / 60,
                      curve=validation_curve(records, f'{prefix}coco/AP'))
        if prefix:
            result['ensemble_AP'] = metrics(records, 'ensemble/')['AP']
        print(f'=== {name}: AP {result["AP"] * 100:.1f} after '
              f'{result["minutes"]:.1f} min', flush=True)
        return result

    # the longest runs first keep both jobs busy
    work_dirs = {name: osp.join(args.work_dir, name) for name, _, _ in METHODS}
    with report_progress(work_dirs), ThreadPoolExecutor(args.jobs) as pool:
        futures = {name: pool.submit(run, name, config, prefix)
                   for name, config, prefix in reversed(METHODS)}
        rows = [futures[name].result() for name, _, _ in METHODS]
    curves = {r['name']: r['curve'] for r in rows}

    ours, posedual, sup = rows[2], rows[1], rows[0]
    lines = [
        f'Synthetic benchmark, {BUDGET} labeled persons, '
        f'{sup["step"]} iterations, seed 0 '
        '(dual students: student A; ensemble in the last column)', '',
        '| method | AP | AP50 | AR | ensemble AP | train min |',
        '|---|---|---|---|---|---|'
    ]
    for r in rows:
        ens = f'{r["ensemble_AP"] * 100:.1f}' if 'ensemble_AP' in r else '-'
        lines.append(f'| {r["name"]} | {r["AP"] * 100:.1f} | '
                     f'{r["AP50"] * 100:.1f} | {r["AR"] * 100:.1f} | {ens} | '
                     f'{r["minutes"]:.1f} |')
    lines += [
        '', f'ours - supervised: {(ours["AP"] - sup["AP"]) * 100:+.1f} AP; '
        f'ours - PoseDual: {(ours["AP"] - posedual["AP"]) * 100:+.1f} AP',
        'ordering supervised < PoseDual < ours: ' +
        ('holds' if sup['AP'] < posedual['AP'] < ours['AP'] else
         'DOES NOT hold'),
        f'total time: {(time.time() - start) / 60:.1f} min'
    ]
    table = '\n'.join(lines)
    print('\n' + table)
    with open(osp.join(args.work_dir, 'results.md'), 'w') as f:
        f.write(table + '\n')
    plot(curves, osp.join(args.work_dir, 'val_ap.png'))
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
