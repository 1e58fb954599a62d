"""Atomic writes: the previous or the new complete file, never a partial
one, and a clear error on a full disk or a read-only folder."""
import errno
import glob
import io
import os
import zipfile

import pytest
import torch

from semipose.fileio import (atomic_write, is_complete_checkpoint,
                             newest_complete_checkpoint)
from semipose.fileio import atomic as atomic_module

from ..helpers import FileSizeLimit


def partial_files(folder) -> list:
    return glob.glob(os.path.join(folder, '.*.partial'))


def test_write_replaces_content_and_removes_stale_temporaries(tmp_path):
    target = tmp_path / 'sub' / 'file.bin'
    atomic_write(b'old', target)
    stale = tmp_path / 'sub' / '.iter_4.pth.abc123.partial'
    stale.write_bytes(b'left by a killed write')
    atomic_write(b'new', target)
    assert target.read_bytes() == b'new'
    assert not partial_files(tmp_path / 'sub')


def test_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path):
    target = tmp_path / 'iter_4.pth'
    atomic_write(b'complete old checkpoint', target)
    with FileSizeLimit(1024), pytest.raises(OSError) as info:
        atomic_write(b'x' * 4096, target)
    assert info.value.errno == errno.EFBIG
    assert str(target) in str(info.value)
    assert target.read_bytes() == b'complete old checkpoint'
    assert not partial_files(tmp_path)


def test_read_only_folder_gives_one_clear_error(tmp_path, monkeypatch):
    # the tests run as root, which may write anywhere: the file system's
    # answer for a read-only mount is injected where the file is created
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(atomic_module.tempfile, 'mkstemp', read_only)
    target = tmp_path / 'last_checkpoint'
    with pytest.raises(OSError) as info:
        atomic_write(b'iter_4.pth', target)
    assert info.value.errno == errno.EROFS
    assert f'Could not write {target}: Read-only file system' in str(
        info.value)
    assert not target.exists() and not partial_files(tmp_path)


def saved_bytes(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def test_complete_checkpoint_detection(tmp_path):
    data = saved_bytes({'w': torch.arange(1000.)})
    whole, truncated, flipped = (tmp_path / n for n in 'abc')
    whole.write_bytes(data)
    truncated.write_bytes(data[:len(data) // 2])
    # one byte of the tensor's storage changed: its CRC no longer matches
    with zipfile.ZipFile(whole) as archive:
        info = next(i for i in archive.infolist() if '/data/' in i.filename)
    start = info.header_offset  # the local header, then name and extra
    offset = start + 30 + int.from_bytes(data[start + 26:start + 28],
                                         'little') + int.from_bytes(
                                             data[start + 28:start + 30],
                                             'little')
    flipped.write_bytes(data[:offset + 8] + bytes([data[offset + 8] ^ 1]) +
                        data[offset + 9:])
    assert is_complete_checkpoint(str(whole))
    assert not is_complete_checkpoint(str(truncated))
    assert not is_complete_checkpoint(str(flipped))
    assert not is_complete_checkpoint(str(tmp_path / 'missing'))


def test_newest_complete_checkpoint_skips_damaged_ones(tmp_path):
    data = saved_bytes({'w': torch.ones(10)})
    for step in (2, 4, 10):
        (tmp_path / f'iter_{step}.pth').write_bytes(data)
    (tmp_path / 'best_coco_AP_iter_12.pth').write_bytes(data)
    (tmp_path / 'iter_10.pth').write_bytes(data[:100])
    # last_checkpoint names the newest; iteration 10 sorts after 4 by number
    (tmp_path / 'last_checkpoint').write_text(str(tmp_path / 'iter_10.pth'))
    assert newest_complete_checkpoint(str(tmp_path)) == (
        str(tmp_path / 'iter_4.pth'), [str(tmp_path / 'iter_10.pth')])
    # an empty last_checkpoint (a kill during a non-atomic write of it)
    (tmp_path / 'last_checkpoint').write_text('')
    assert newest_complete_checkpoint(str(tmp_path))[0] == str(
        tmp_path / 'iter_4.pth')
    for step in (2, 4):
        (tmp_path / f'iter_{step}.pth').write_bytes(b'')
    assert newest_complete_checkpoint(str(tmp_path))[0] is None
    assert newest_complete_checkpoint(str(tmp_path / 'nothing')) == (None,
                                                                     [])


@pytest.mark.parametrize('umask', [0o022, 0o077])
def test_written_file_has_the_permissions_of_a_plain_open(tmp_path, umask):
    """tempfile makes owner-only files; a checkpoint or pseudo-label file
    must be as readable as one written with ``open``."""
    previous = os.umask(umask)
    try:
        atomic_write(b'data', tmp_path / 'atomic.json')
        (tmp_path / 'plain.json').write_bytes(b'data')
    finally:
        os.umask(previous)
    mode = (tmp_path / 'atomic.json').stat().st_mode & 0o777
    assert mode == (tmp_path / 'plain.json').stat().st_mode & 0o777
    assert mode == 0o666 & ~umask
