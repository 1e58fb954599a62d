"""Running configs as subprocesses and reading their logged scalars; shared
by the demo and the benchmark."""
import glob
import json
import os
import os.path as osp
import re
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from semipose.datasets.splits import split_first_n
from semipose.datasets.synthetic import make_synthetic_coco
from semipose.datasets.synthetic.generator import DEFAULT_DIFFICULTY

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def ensure_synthetic_data(root: str, num_train: int, num_val: int, seed: int,
                          first_n: Sequence[int], workers: int = 2,
                          difficulty: str = DEFAULT_DIFFICULTY) -> None:
    """Generate the synthetic dataset and its first-N splits unless the same
    ones are already there (keyed by a small stamp file)."""
    stamp = osp.join(root, 'semipose_synthetic.json')
    wanted = dict(num_train=num_train, num_val=num_val, seed=seed,
                  difficulty=difficulty)
    current = None
    if osp.isfile(stamp):
        with open(stamp) as f:
            current = json.load(f)
    if current != wanted:
        print(f'generating the synthetic dataset in {root} ({num_train} + '
              f'{num_val} images, seed {seed}, {difficulty})', flush=True)
        make_synthetic_coco(root, num_train, num_val, seed, workers,
                            progress=True, difficulty=difficulty)
        print(flush=True)
        with open(stamp, 'w') as f:
            json.dump(wanted, f)
    train = osp.join(root, 'annotations', 'person_keypoints_train.json')
    for n in first_n:
        if not osp.isfile(train[:-len('.json')] + f'.first{n}.json') or \
                current != wanted:
            split_first_n(train, n)


TRAIN_OUTPUT = 'train_output.txt'  # a quiet training's stdout and stderr


def train(config: str, work_dir: str, options: Optional[Dict] = None,
          quiet: bool = False, threads: Optional[int] = None) -> None:
    """``tools/train.py config`` in a subprocess (fresh mmengine globals),
    with ``threads`` intra-op threads (default: torch's, one per core).

    A quiet training writes its output to ``work_dir/train_output.txt``
    instead of the terminal; if it fails, the error names that file and
    quotes its last lines (the traceback).

    Raises:
        RuntimeError: the training exited with a non-zero status.
    """
    cmd = [sys.executable, osp.join(REPO, 'tools', 'train.py'),
           osp.join(REPO, config), '--work-dir', work_dir]
    if options:
        cmd += ['--cfg-options'] + [f'{k}={v}' for k, v in options.items()]
    env = dict(os.environ, PYTHONWARNINGS='ignore')
    if threads:
        env.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    if not quiet:
        returncode = subprocess.run(cmd, env=env, cwd=REPO).returncode
        if returncode:
            raise RuntimeError(f'training {config} failed (exit status '
                               f'{returncode}); its output is above')
        return
    os.makedirs(work_dir, exist_ok=True)
    run_logged(cmd, env, osp.join(work_dir, TRAIN_OUTPUT),
               f'training {config}')


def run_logged(cmd: List[str], env: Dict[str, str], output: str,
               what: str) -> None:
    """Run ``cmd`` in the repository with its stdout and stderr in the file
    ``output``.

    Raises:
        RuntimeError: ``cmd`` exited with a non-zero status; the message
            names ``what``, the file and quotes its last 20 lines (the
            traceback).
    """
    with open(output, 'w') as out:
        returncode = subprocess.run(cmd, env=env, stdout=out,
                                    stderr=subprocess.STDOUT,
                                    cwd=REPO).returncode
    if returncode:
        with open(output, errors='replace') as f:
            last_lines = ''.join(f.readlines()[-20:])
        raise RuntimeError(f'{what} failed (exit status {returncode}); its '
                           f'output is in {output}, ending:\n{last_lines}')


def read_scalars(work_dir: str) -> List[dict]:
    """Records of the latest run's ``vis_data/scalars.json``."""
    runs = sorted(d for d in os.listdir(work_dir)
                  if osp.isfile(osp.join(work_dir, d, 'vis_data',
                                         'scalars.json')))
    if not runs:
        raise FileNotFoundError(f'no vis_data/scalars.json under {work_dir}')
    path = osp.join(work_dir, runs[-1], 'vis_data', 'scalars.json')
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def validation_curve(records: List[dict], key: str) -> List[tuple]:
    """``(iteration, value)`` of every validation that logged ``key``."""
    return [(r['step'], r[key]) for r in records if key in r]


def training_progress(work_dir: str) -> Optional[Tuple[int, int, str]]:
    """``(iteration, max_iters, eta)`` of the last training line logged
    under ``work_dir`` (mmengine's ``<timestamp>/<timestamp>.log``; ``eta``
    is its estimate of the run's remaining training time, as logged, e.g.
    ``'0:08:50'``), or None before the first one."""
    logs = sorted(glob.glob(osp.join(work_dir, '*', '*.log')))
    if not logs:
        return None
    with open(logs[-1]) as f:
        found = re.findall(
            r'Iter\(train\) \[\s*(\d+)/(\d+)\]\s+lr: \S+\s+eta: (\S+)',
            f.read())
    if not found:
        return None
    iteration, max_iters, eta = found[-1]
    return int(iteration), int(max_iters), eta


@contextmanager
def report_progress(work_dirs: Dict[str, str],
                    interval: float = 60.) -> Iterator[None]:
    """Print the iteration and mmengine's eta of every unfinished run in
    ``work_dirs`` (name to work dir) every ``interval`` seconds while the
    context is open, so that quiet trainings still show progress."""
    stop = threading.Event()

    def loop():
        while not stop.wait(interval):
            states = [(name, training_progress(d))
                      for name, d in work_dirs.items() if osp.isdir(d)]
            line = ', '.join(f'{name} {p[0]}/{p[1]} (eta {p[2]})'
                             for name, p in states
                             if p is not None and p[0] < p[1])
            if line:
                print(f'  [{time.strftime("%H:%M:%S")}] {line}', flush=True)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
