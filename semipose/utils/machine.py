"""What machine made a result: results of one config differ between hosts
of the same machine kind (speed, float rounding, bf16 or fp32), so the
benchmark's records and the demo's table name it."""
import os
import platform

import torch

from semipose.engine import cpu_runs_bf16_natively

# the instruction sets that carry the configs' bf16 autocast on a CPU
BF16_FLAGS = ('avx512_bf16', 'amx_bf16')


def cpu_model(cpuinfo: str = '/proc/cpuinfo') -> str:
    """The CPU's family, model and stepping from /proc/cpuinfo, and which
    of its bf16 instruction sets the guest sees (empty where there is no
    such file): hosts of one machine kind report the same brand string
    ("AMD EPYC") yet train at different speeds and round floats
    differently, so a kept result says which CPU made it. Two machines of
    the same model differed in both, and the slower one showed no AMX
    flags (docs/results.md)."""
    fields = {}
    try:
        with open(cpuinfo) as f:
            for line in f:
                if not line.strip():
                    break  # the first processor's block is enough
                name, _, value = line.partition(':')
                fields[name.strip()] = value.strip()
    except OSError:
        return ''
    names = [f'{name} {fields[name]}'
             for name in ('cpu family', 'model', 'stepping') if name in fields]
    flags = fields.get('flags', '').split()
    return ' '.join(names + [flag for flag in BF16_FLAGS if flag in flags])


def machine(device: str, threads: str = '') -> str:
    """The device, and on a CPU whether it trains in fp32 instead of bf16
    and the threads that did the work (this process's own by default)."""
    if device.startswith('cuda'):
        return torch.cuda.get_device_name()
    cpu = cpu_model()
    # AutocastOptimWrapper trains such CPUs in fp32: other numbers
    precision = '' if cpu_runs_bf16_natively() else ', fp32 (no native bf16)'
    threads = threads or f'{torch.get_num_threads()} threads'
    return (f'{platform.processor() or platform.machine()}'
            f'{f" ({cpu})" if cpu else ""}, {os.cpu_count()} cores'
            f'{precision}, torch {torch.__version__} ({threads})')
