"""Image loading that survives unreadable unlabeled images."""
import logging
from typing import Optional

from mmengine.logging import print_log
from mmpose.datasets.transforms import LoadImage
from mmpose.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadImageOrSkip(LoadImage):
    """mmpose's ``LoadImage``, except that an unlabeled sample whose image
    cannot be read (missing, truncated, not an image) is skipped.

    Web-crawled unlabeled data holds such files, and one of them must not
    stop a run of days. The sample becomes ``None``, so the dataset draws
    another one (mmengine's refetch in ``BaseDataset.__getitem__``; inside a
    ``CombinedDataset`` it may come from either source, which shifts one
    batch's labeled/unlabeled ratio by one sample). Each skipped file is
    named once, with the count of files skipped so far by this process, in
    a warning of the current logger. Labeled samples (no ``unlabeled`` flag,
    see :class:`UnlabeledCocoDataset`) raise as before: their labels cannot
    be replaced, and ``SanityCheckHook`` decodes them before training.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.skipped = set()

    def transform(self, results: dict) -> Optional[dict]:
        try:
            return super().transform(results)
        except Exception as error:
            if not results.get('unlabeled', False):
                raise
            path = results.get('img_path')
            if path not in self.skipped:
                self.skipped.add(path)
                print_log(
                    f'skipped an unreadable unlabeled image: {path} '
                    f'({type(error).__name__}); {len(self.skipped)} '
                    'unreadable unlabeled image(s) skipped so far by this '
                    'data process', logger='current', level=logging.WARNING)
            return None
