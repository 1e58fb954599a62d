"""Quiet trainings: their progress, read from mmengine's log files, and
their failures."""
import os.path as osp
import time

import pytest

from semipose.utils.experiments import report_progress, training_progress

LINE = ('11/27 22:13:50 - mmengine - INFO - Iter(train) [{i:>4}/1500]  lr: '
        '1.0e-03  eta: {eta}  time: 0.083367  data_time: 0.022448\n')


def _eta(iteration: int) -> str:
    """The eta logged at ``iteration``: a second per iteration left."""
    return time.strftime('%H:%M:%S', time.gmtime(1500 - iteration))[1:]


def _log(work_dir, iterations, stamp='20261127_221000'):
    run = work_dir / stamp
    run.mkdir(parents=True, exist_ok=True)
    (run / f'{stamp}.log').write_text('Config: ...\n' + ''.join(
        LINE.format(i=i, eta=_eta(i)) for i in iterations))


def test_training_progress_is_the_last_logged_iteration(tmp_path):
    assert training_progress(str(tmp_path)) is None
    _log(tmp_path, [])
    assert training_progress(str(tmp_path)) is None
    _log(tmp_path, [50, 100, 150])
    assert training_progress(str(tmp_path)) == (150, 1500, '0:22:30')
    # a later run in the same work dir is the one reported
    _log(tmp_path, [50], stamp='20261127_230000')
    assert training_progress(str(tmp_path)) == (50, 1500, '0:24:10')


def test_report_progress_prints_unfinished_runs(tmp_path, capsys):
    _log(tmp_path / 'ours', [100, 350])
    _log(tmp_path / 'supervised', [1500])
    work_dirs = {name: str(tmp_path / name)
                 for name in ('ours', 'supervised', 'not-started')}
    with report_progress(work_dirs, interval=0.05):
        time.sleep(0.3)
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.endswith('] ours 350/1500 (eta 0:19:10)')
                         for line in lines)


def test_a_failed_quiet_training_names_its_output_and_quotes_the_error(
        tmp_path):
    from semipose.utils.experiments import REPO, train
    base = osp.join(REPO, 'configs', 'supervised',
                    'td-hm_res18-tiny_1xb16-2000it_synthetic-first70-'
                    '128x96.py')
    config = tmp_path / 'broken.py'
    config.write_text(f'_base_ = [{base!r}]\n'
                      'train_dataloader = dict(dataset=dict(\n'
                      "    ann_file='annotations/no_such_split.json'))\n")
    work_dir = tmp_path / 'work'
    with pytest.raises(RuntimeError, match='train_output.txt') as error:
        train(str(config), str(work_dir), quiet=True, threads=1)
    # the traceback's last line is in the error, the whole output on disk
    assert 'no_such_split.json' in str(error.value)
    assert 'no_such_split.json' in (work_dir / 'train_output.txt').read_text()
