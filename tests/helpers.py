"""Configs of the repository pointed at a test dataset and shrunk to seconds;
the repository's scripts as modules."""
import importlib.util
import os.path as osp
import resource
import signal

from mmengine.config import Config

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
SUPERVISED = osp.join(
    REPO, 'configs/supervised/'
    'td-hm_res18-tiny_1xb16-2000it_synthetic-first100-128x96.py')
OURS = osp.join(
    REPO, 'configs/dual_student/'
    'dual-student_res18-tiny_1xb32-2000it_synthetic-first100-128x96.py')


def load_tool(name: str):
    """``tools/<name>.py`` as a module (the scripts are no package)."""
    spec = importlib.util.spec_from_file_location(
        f'semipose_tool_{name}', osp.join(REPO, 'tools', f'{name}.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def small_config(path: str, data_root: str, work_dir: str, max_iters: int = 4,
                 batch_size: int = 4) -> Config:
    """``path`` on ``data_root`` (labeled: its first-20 split), ``max_iters``
    iterations with validation and a checkpoint at the end."""
    cfg = Config.fromfile(path)
    data_root = data_root.rstrip('/') + '/'
    labeled = 'annotations/person_keypoints_train.first20.json'
    cfg.work_dir = work_dir
    # mmengine keeps one visualizer per name in a process: a fresh one per run
    cfg.visualizer.name = work_dir
    cfg.train_cfg.max_iters = max_iters
    cfg.train_cfg.val_interval = max_iters
    cfg.default_hooks.checkpoint.interval = max_iters
    cfg.default_hooks.logger.interval = 1
    cfg.train_dataloader.batch_size = batch_size
    cfg.train_dataloader.num_workers = 0
    cfg.train_dataloader.persistent_workers = False
    cfg.val_dataloader.num_workers = 0
    cfg.val_dataloader.persistent_workers = False
    cfg.val_dataloader.dataset.data_root = data_root
    cfg.test_dataloader = cfg.val_dataloader
    ann_val = data_root + 'annotations/person_keypoints_val.json'
    if cfg.val_evaluator.type == 'MultiStudentMetric':
        cfg.val_evaluator.metric.ann_file = ann_val
    else:
        cfg.val_evaluator.ann_file = ann_val
    cfg.test_evaluator = cfg.val_evaluator
    dataset = cfg.train_dataloader.dataset
    if dataset.type == 'CombinedDataset':
        cfg.train_dataloader.sampler.batch_size = batch_size
        for sub in dataset.datasets:
            sub.data_root = data_root
        dataset.datasets[0].ann_file = labeled
    else:
        dataset.data_root = data_root
        dataset.ann_file = labeled
    return cfg


class FileSizeLimit:
    """Within the block, writes past ``limit`` bytes fail with EFBIG: a real
    write failure, the one a full disk gives with ENOSPC."""

    def __init__(self, limit: int):
        self.limit = limit

    def __enter__(self):
        self.saved = resource.getrlimit(resource.RLIMIT_FSIZE)
        # without a handler, SIGXFSZ would end the process
        self.handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE,
                           (self.limit, self.saved[1]))

    def __exit__(self, *exc):
        resource.setrlimit(resource.RLIMIT_FSIZE, self.saved)
        signal.signal(signal.SIGXFSZ, self.handler)
