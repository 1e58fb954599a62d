from .autocast_optim_wrapper import (AutocastOptimWrapper,
                                     cpu_runs_bf16_natively, fp32_head_outputs)

__all__ = [
    'AutocastOptimWrapper', 'cpu_runs_bf16_natively', 'fp32_head_outputs'
]
