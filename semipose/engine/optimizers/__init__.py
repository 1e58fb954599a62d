from .autocast_optim_wrapper import AutocastOptimWrapper, fp32_head_outputs

__all__ = ['AutocastOptimWrapper', 'fp32_head_outputs']
