from .atomic import (AtomicLocalBackend, atomic_write, checkpoints_by_step,
                     is_complete_checkpoint, newest_complete_checkpoint)

__all__ = [
    'AtomicLocalBackend', 'atomic_write', 'checkpoints_by_step',
    'is_complete_checkpoint', 'newest_complete_checkpoint'
]
