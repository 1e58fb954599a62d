"""Cost of the data path of one dual-student iteration: each transform of
the training pipeline per labeled and per unlabeled sample, the collate of a
batch and the model's data preprocessor, in one thread as the training's
data worker runs it (opencv without its own threads).

Run it on an idle machine, after the synthetic data exists (`make demo`
makes it); it prints a markdown table:
    python projects/regime_calibration/time_data_path.py
"""
import argparse
import time
from collections import defaultdict
from typing import Dict, List, Tuple

import cv2
import numpy as np
import torch
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.registry import init_default_scope
from mmpose.registry import DATASETS, MODELS

import semipose  # noqa: F401 (registers the components)

DEFAULT = ('configs/dual_student/dual-student-from-supervised_res18-tiny_'
           '1xb32-500it_synthetic-first100-128x96.py')


def time_samples(dataset,
                 indices: List[int]) -> Tuple[Dict[str, float], List[dict]]:
    """Seconds per transform, summed over the samples of ``indices``, and
    the samples the pipeline made."""
    seconds = defaultdict(float)
    samples = []
    for index in indices:
        start = time.perf_counter()
        results = dataset.get_data_info(index)
        seconds['get_data_info'] += time.perf_counter() - start
        results['dataset'] = dataset  # as CombinedDataset.prepare_data does
        for transform in dataset.pipeline.transforms:
            start = time.perf_counter()
            results = transform(results)
            seconds[type(transform).__name__] += time.perf_counter() - start
        samples.append(results)
    return seconds, samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--config', default=DEFAULT)
    parser.add_argument('--iterations', type=int, default=20,
                        help='batches timed (after one untimed batch)')
    args = parser.parse_args()
    cv2.setNumThreads(0)  # as mmengine sets it in data workers
    torch.set_num_threads(1)
    cfg = Config.fromfile(args.config)
    init_default_scope('mmpose')
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    num_labeled = len(dataset.datasets[0])
    half = cfg.train_dataloader.batch_size // 2
    preprocessor = MODELS.build(cfg.model.data_preprocessor)
    rng = np.random.default_rng(0)

    def batch_indices():
        return (rng.integers(0, num_labeled, half).tolist(),
                rng.integers(num_labeled, len(dataset), half).tolist())

    labeled, unlabeled = batch_indices()
    time_samples(dataset, labeled + unlabeled)  # warm caches and imports
    totals = dict(labeled=defaultdict(float), unlabeled=defaultdict(float))
    collate = preprocess = 0.
    for _ in range(args.iterations):
        labeled, unlabeled = batch_indices()
        samples = []
        for name, indices in (('labeled', labeled),
                              ('unlabeled', unlabeled)):
            seconds, made = time_samples(dataset, indices)
            for step, value in seconds.items():
                totals[name][step] += value
            samples += made
        start = time.perf_counter()
        batch = pseudo_collate(samples)
        collate += time.perf_counter() - start
        start = time.perf_counter()
        preprocessor(batch, training=True)
        preprocess += time.perf_counter() - start

    n = args.iterations
    print(f'{args.config}; {half} labeled + {half} unlabeled samples per '
          f'batch, {n} batches, one thread\n')
    print('| step | per labeled sample (ms) | per unlabeled sample (ms) | '
          'per batch (ms) |')
    print('|---|---|---|---|')
    batch_total = 0.
    for step in totals['labeled']:
        per_labeled = totals['labeled'][step] / (n * half) * 1000
        per_unlabeled = totals['unlabeled'][step] / (n * half) * 1000
        per_batch = (per_labeled + per_unlabeled) * half
        batch_total += per_batch
        print(f'| {step} | {per_labeled:.2f} | {per_unlabeled:.2f} | '
              f'{per_batch:.1f} |')
    for step, seconds in (('pseudo_collate', collate),
                          ('data preprocessor', preprocess)):
        batch_total += seconds / n * 1000
        print(f'| {step} | - | - | {seconds / n * 1000:.1f} |')
    print(f'| all | - | - | {batch_total:.1f} |')


if __name__ == '__main__':
    main()
