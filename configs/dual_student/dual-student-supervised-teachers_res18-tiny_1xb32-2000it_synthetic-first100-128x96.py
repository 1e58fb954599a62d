# Candidate "fresh students, supervised teachers": ours with its
# pseudo-labels made by two converged supervised models of the budget (the
# starts of 'ours, from supervised', kept fixed: teacher_momentum=1.0) and
# its two students trained from scratch, with no supervised-only warm-up.
# A self-training round started from its supervised teacher's weights ends
# 2.3 and 1.7 AP below the same round from scratch (first70, seeds 0 / 1,
# Zen 4 host; docs/results.md), and below ours from supervised: the round's
# fresh start, not its teacher or its augmentation, is what it has over
# the pair whose students start from those overfit models. This gives the
# pair that fresh start and keeps its two teachers, views, denoising and
# selection. Measured at first70 on the Zen 4 host (seeds 0 / 1 / 2,
# docs/benchmark_runs_zen4_host): 27.4 +- 0.5 AP (27.5, 28.0, 26.7;
# ensemble 29.7, 29.5, 29.0) against ours from supervised 26.8 +- 0.8 and
# the round 27.6 +- 1.1; at first100 on the same host 35.0 +- 0.9 (34.1,
# 36.3, 34.5) against supervised 26.6 +- 1.8, ours from supervised
# 33.2 +- 0.7 and the round 34.5 +- 1.2; its ablation there with the same
# teachers: PoseDual 32.3 +- 0.5, select only 33.8 +- 0.8, denoise only
# 34.3 +- 0.4, ours at or above each on every seed.
#
# Make the teachers' checkpoint first (the benchmark's 'ours, fresh
# students, supervised teachers' method does this itself, with the
# supervised runs of seeds s and s + 3 for seed s):
#   python tools/misc/pair_from_students.py SUPERVISED_SEED0.pth \
#       SUPERVISED_SEED3.pth \
#       work_dirs/pair_from_supervised/first100.teachers.pth --into teachers
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(teacher_momentum=1.0)
load_from = 'work_dirs/pair_from_supervised/first100.teachers.pth'
