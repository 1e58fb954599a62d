# The schedule-length lever of the synthetic benchmark: twice the 2,000
# iterations of synthetic_tiny_128x96.py, its cosine decay stretched to
# match. Semi-supervised training usually runs longer than its supervised
# baseline; here every method gets the longer schedule. A `*-4000it_*`
# config adds this file to its 2,000-iteration config's bases and applies
# it (mmengine refuses a key that two bases both set, hence the name).
long_max_iters = 4000
long_param_scheduler = [
    dict(type='LinearLR', begin=0, end=100, start_factor=0.01,
         by_epoch=False),
    dict(type='CosineAnnealingLR', begin=100, end=long_max_iters,
         T_max=long_max_iters - 100, eta_min=1e-5, by_epoch=False),
]
