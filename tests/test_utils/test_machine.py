"""The machine a result names."""
import pytest
import torch

from semipose.utils import machine as machine_module
from semipose.utils.machine import cpu_model, machine


def test_machine_names_the_threads_given_or_its_own():
    assert machine('cpu', '1 thread(s) per run').endswith(
        f'torch {torch.__version__} (1 thread(s) per run)')
    assert machine('cpu').endswith(f'({torch.get_num_threads()} threads)')


@pytest.mark.parametrize('native', [True, False])
def test_machine_says_when_bf16_falls_back_to_fp32(monkeypatch, native):
    monkeypatch.setattr(machine_module, 'cpu_runs_bf16_natively',
                        lambda: native)
    assert ('cores, fp32 (no native bf16), torch' in
            machine('cpu')) is not native


def test_cpu_model_names_the_first_processor(tmp_path):
    cpuinfo = tmp_path / 'cpuinfo'
    cpuinfo.write_text('processor\t: 0\nvendor_id\t: AuthenticAMD\n'
                       'cpu family\t: 26\nmodel\t\t: 2\nmodel name\t: AMD '
                       'EPYC\nstepping\t: 1\nflags\t\t: fpu avx512f '
                       'amx_tile avx512_bf16 amx_bf16\n\nprocessor\t: 1\n'
                       'cpu family\t: 25\nmodel\t\t: 17\nstepping\t: 0\n')
    assert cpu_model(str(cpuinfo)) == \
        'cpu family 26 model 2 stepping 1 avx512_bf16 amx_bf16'
    cpuinfo.write_text('cpu family\t: 6\nmodel\t\t: 207\nstepping\t: 2\n'
                       'flags\t\t: fpu avx512f avx512_bf16\n')
    assert cpu_model(str(cpuinfo)) == \
        'cpu family 6 model 207 stepping 2 avx512_bf16'
    assert cpu_model(str(tmp_path / 'missing')) == ''
