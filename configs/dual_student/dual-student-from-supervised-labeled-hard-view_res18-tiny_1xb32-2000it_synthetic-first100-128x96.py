# Candidate "from supervised, labeled-pipeline hard view": ours from
# supervised with its hard view (the crop the students learn the
# pseudo-heatmaps on) drawn as the labeled crops are: mmpose's
# RandomBBoxTransform of the synthetic configs (rotation and scale from a
# standard normal truncated to [-1, 1] times 30 deg and 0.25, rotated with
# probability 0.6, shifted by up to 0.16 of the crop with probability 0.3),
# on top of ours' easy view (the crop with a random flip, as the labeled
# pipeline's flip). Ours' hard view draws from PoseDual's clipped normal
# (rotation up to 60 deg with probability 0.8, no shift). The
# self-training round, above the pair on every seed at both budgets on the
# Zen 4 host, learns its pseudo-labels through the labeled pipeline: this
# was the one difference between the two not measured. Measured at first70
# on the Zen 4 host (seeds 0 / 1, docs/benchmark_runs_zen4_host): 27.6 and
# 27.4 AP against ours from supervised 27.6 and 27.0 (+0.0, +0.4), the
# round 28.3 and 28.5: not what the round has over the pair; not kept.
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

multi_view = dict(
    _base_.multi_view,
    hard=dict(sampling='truncated_normal', rotate_factor=30., rotate_prob=0.6,
              scale_factor=0.25, shift_factor=0.16, shift_prob=0.3))
train_dataloader = dict(
    dataset=dict(pipeline=_base_.semi_pipeline[:-1] + [multi_view]))
