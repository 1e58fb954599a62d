# Candidate "six views": ours with two more pseudo-label views, the flipped
# +-30 deg rotations, so that each rotation is seen in both mirror images.
# The max over ours' four views adds about 2 AP over the easy view alone at
# first70 on two seeds (22.4 and 22.6 against 24.6 and 24.6, the
# 'single-view denoising' candidate; docs/results.md): more views are the
# next step of that lever. Each view is one more no-grad pass per student.
# Measured (fp32 geometry, same host, student A, seed 0; docs/results.md):
# 24.8 AP at first70 and 28.5 at first100, against ours' 24.6 and 28.8;
# at first70 on seeds 0 / 1 / 2 25.4 +- 1.0 (24.8, 24.6, 26.9) against
# ours' 25.5 +- 1.3 (24.6, 24.6, 27.3). Not kept.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

multi_view = dict(
    _base_.multi_view,
    views=_base_.multi_view.views + [
        dict(rotate=30., flip=True), dict(rotate=-30., flip=True)])
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:-1] + [multi_view]))
