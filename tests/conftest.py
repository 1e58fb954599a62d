import os.path as osp

import pytest
from mmpose.utils import register_all_modules

import semipose  # noqa: F401 (registers semipose components)
from semipose.datasets.splits import split_first_n
from semipose.datasets.synthetic import make_synthetic_coco

register_all_modules(init_default_scope=True)


@pytest.fixture(scope='session')
def synthetic_root(tmp_path_factory):
    """A small synthetic COCO dataset with a first-20-persons split."""
    root = str(tmp_path_factory.mktemp('synthetic'))
    make_synthetic_coco(root, num_train=40, num_val=12, seed=3)
    split_first_n(
        osp.join(root, 'annotations', 'person_keypoints_train.json'), 20)
    return root
