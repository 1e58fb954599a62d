# Supervised full-label reference under the cheaper, longer regime: bf16
# autocast (AutocastOptimWrapper), channels-last, 1,500 iterations of 16
# crops with linear warm-up and cosine decay; everything else as the
# benchmark's supervised config (narrow ResNet-18, 128x96, 32x24 heatmaps).
_base_ = ['../../../configs/supervised/'
          'td-hm_res18-tiny_1xb16-600it_synthetic-full-128x96.py']

max_iters = 1500
train_cfg = dict(max_iters=max_iters, val_interval=750)
optim_wrapper = dict(type='AutocastOptimWrapper',
                     optimizer=dict(type='Adam', lr=2e-3))
param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=max_iters,
         T_max=max_iters - 100, eta_min=1e-5, by_epoch=False),
]
default_hooks = dict(checkpoint=dict(interval=750))
custom_hooks = [dict(type='ChannelsLastHook')]
