"""Files that survive a kill at any instant: written to a temporary name in
the same folder, flushed to disk and renamed into place, so a reader sees
either the previous or the new complete file, never a partial one."""
import glob
import os
import os.path as osp
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union

from mmengine.fileio import LocalBackend, register_backend

# the temporary file of ``name`` is ``.{name}.{random}.partial``: hidden, and
# never matched by the ``*.pth`` globs of mmengine and the tools
TEMP_SUFFIX = '.partial'


def _remove_stale_temporaries(folder: str) -> None:
    """Remove what an interrupted :func:`atomic_write` left in ``folder``
    (one writer per folder: the main process writes all checkpoints)."""
    for stale in glob.glob(osp.join(glob.escape(folder), '.*' + TEMP_SUFFIX)):
        try:
            os.remove(stale)
        except FileNotFoundError:
            pass


def _fsync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable (not possible everywhere)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process's umask: from /proc where Linux shows it, else by
    setting and restoring it (a brief change another thread could see)."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('Umask:'):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(data: bytes, filepath: Union[str, Path]) -> None:
    """Write ``data`` to ``filepath`` atomically.

    The bytes go to a temporary file next to ``filepath``, are flushed with
    ``fsync`` and the file is renamed over ``filepath`` (``os.replace`` is
    atomic within a file system). Stale temporary files of earlier
    interrupted writes in the folder are removed first. The file gets the
    permissions a plain ``open`` would give it (0666 less the umask), not
    the owner-only ones of ``tempfile``'s temporary file.

    Args:
        data (bytes): The file's new content.
        filepath (str | Path): Where it goes; missing folders are created.

    Raises:
        OSError: naming ``filepath`` and the cause (full disk, read-only
            folder, ...); the previous file is unchanged and no temporary
            file is left behind.
    """
    filepath = str(filepath)
    folder = osp.dirname(osp.abspath(filepath))
    temporary = None
    try:
        os.makedirs(folder, exist_ok=True)
        _remove_stale_temporaries(folder)
        fd, temporary = tempfile.mkstemp(
            dir=folder, prefix=f'.{osp.basename(filepath)}.',
            suffix=TEMP_SUFFIX)
        with os.fdopen(fd, 'wb') as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, filepath)
        temporary = None
        _fsync_folder(folder)
    except OSError as error:
        raise OSError(
            error.errno, f'Could not write {filepath}: {error.strerror}. '
            'The previous file, if any, is unchanged.') from error
    finally:
        if temporary is not None and osp.exists(temporary):
            os.remove(temporary)


@register_backend('atomic_local')
class AtomicLocalBackend(LocalBackend):
    """mmengine's local file backend whose writes are atomic.

    Select it with ``backend_args=dict(backend='atomic_local')``;
    ``AtomicCheckpointHook`` does so for checkpoints.
    """

    def put(self, obj: bytes, filepath: Union[str, Path]) -> None:
        atomic_write(obj, filepath)

    def put_text(self,
                 obj: str,
                 filepath: Union[str, Path],
                 encoding: str = 'utf-8') -> None:
        atomic_write(obj.encode(encoding), filepath)


def is_complete_checkpoint(path: str) -> bool:
    """Whether ``path`` is a whole ``torch.save`` file: a zip archive whose
    central directory is present and whose members match their CRCs."""
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return False


def checkpoints_by_step(folder: str, filename_tmpl: str,
                        prefix: str = '') -> Dict[str, int]:
    """Files of ``folder`` named ``prefix + filename_tmpl.format(step)``.

    Args:
        folder (str): where to look (missing: none found).
        filename_tmpl (str): a checkpoint hook's ``filename_tmpl``.
        prefix (str): e.g. ``best_coco_AP_`` for best checkpoints.

    Returns:
        dict: path to step.
    """
    pattern = re.compile(
        re.escape(prefix) +
        re.escape(filename_tmpl).replace(r'\{\}', r'(\d+)') + '$')
    found = {}
    if osp.isdir(folder):
        for name in os.listdir(folder):
            match = pattern.match(name)
            if match:
                found[osp.join(folder, name)] = int(match.group(1))
    return found


def newest_complete_checkpoint(
        work_dir: str,
        filename_tmpl: str = 'iter_{}.pth') -> Tuple[Optional[str], List[str]]:
    """The checkpoint a run in ``work_dir`` should resume from.

    Candidates are the file named by ``work_dir/last_checkpoint`` and the
    files named ``filename_tmpl`` in its folder (``work_dir`` when
    ``last_checkpoint`` names none), newest step first.

    Args:
        work_dir (str): The run's work_dir.
        filename_tmpl (str): The checkpoint hook's ``filename_tmpl``.

    Returns:
        tuple[str | None, list[str]]: The newest complete candidate (None if
        there is none) and the damaged candidates newer than it.
    """
    named = None
    pointer = osp.join(work_dir, 'last_checkpoint')
    if osp.isfile(pointer):
        with open(pointer) as f:
            named = f.read().strip() or None
    found = checkpoints_by_step(
        osp.dirname(named) if named else work_dir, filename_tmpl)
    candidates = sorted(found, key=found.get, reverse=True)
    if named:
        candidates = [named] + [p for p in candidates if p != named]
    damaged = []
    for path in candidates:
        if is_complete_checkpoint(path):
            return path, damaged
        damaged.append(path)
    return None, damaged
