from .generator import make_synthetic_coco, render_image
from .skeleton import COCO_KEYPOINTS, COCO_SKELETON

__all__ = ['make_synthetic_coco', 'render_image', 'COCO_KEYPOINTS',
           'COCO_SKELETON']
