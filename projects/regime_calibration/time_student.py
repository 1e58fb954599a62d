"""Per-crop cost of the synthetic benchmark's student: forward + backward +
Adam step at 16 and 32 crops, and the no-grad pass over 64 pseudo-label
views, in fp32 / bf16 autocast, with and without channels-last weights.

Run it on an idle machine; it prints a markdown table:
    python projects/regime_calibration/time_student.py
``--compile`` times the student under ``torch.compile`` instead (the first
calls, which compile, are left out of the timing).
"""
import argparse
import time

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmpose.registry import MODELS
from mmpose.utils import register_all_modules

import semipose  # noqa: F401 (registers the components)

DEFAULT = ('configs/supervised/'
           'td-hm_res18-tiny_1xb16-2000it_synthetic-first100-128x96.py')


def median_ms(fn, repeats: int = 10) -> float:
    fn()
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--config', default=DEFAULT)
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='overrides, e.g. of the head\'s width')
    parser.add_argument('--compile', action='store_true',
                        help='torch.compile the forward pass')
    args = parser.parse_args()
    register_all_modules()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    w, h = cfg.codec.input_size
    print(f'{args.config}; {torch.get_num_threads()} threads, torch '
          f'{torch.__version__}{", torch.compile" if args.compile else ""}'
          '\n')
    print('| precision | channels-last | fwd+bwd+step, 16 crops (ms) | '
          '32 crops (ms) | no-grad, 64 crops (ms) |')
    print('|---|---|---|---|---|')
    for bf16 in (False, True):
        for channels_last in (False, True):
            torch.manual_seed(0)
            model = MODELS.build(cfg.model).train()
            if channels_last:
                model.to(memory_format=torch.channels_last)
            optimizer = torch.optim.Adam(model.parameters(), 1e-3)

            def forward(x):
                return model.head.forward(model.extract_feat(x))

            if args.compile:
                # a fresh cache per row: the rows would otherwise share one
                # and exhaust dynamo's recompile limit
                torch._dynamo.reset()
                forward = torch.compile(forward)

            def heatmaps(x):
                with torch.autocast('cpu', dtype=torch.bfloat16,
                                    enabled=bf16):
                    return forward(x).float()

            def step(n):
                def run():
                    heatmaps(torch.randn(n, 3, h, w)).pow(2).mean().backward()
                    optimizer.step()
                    optimizer.zero_grad()
                return run

            def no_grad():
                with torch.no_grad():
                    heatmaps(torch.randn(64, 3, h, w))

            print(f'| {"bf16" if bf16 else "fp32"} | '
                  f'{"yes" if channels_last else "no"} | '
                  f'{median_ms(step(16)):.1f} | {median_ms(step(32)):.1f} | '
                  f'{median_ms(no_grad):.1f} |', flush=True)


if __name__ == '__main__':
    main()
