# Candidate "fresh students, eval-mode teachers": the "fresh students,
# supervised teachers" candidate (dual-student-supervised-teachers_*) with
# the two fixed supervised teachers predicting in eval mode, with the
# BatchNorm statistics of their supervised training, as mmdet's
# SemiBaseDetector runs its teacher and as the self-training round's
# pseudo-labels are exported; in train mode they normalise each batch of
# 64 unlabeled view crops by its own statistics. Measured at first70 on
# the Zen 5 host (seeds 0 / 1 / 2, docs/benchmark_runs_zen5_host):
# 26.6 +- 0.3 AP (26.8, 26.9, 26.1), 0.8 to 1.1 below the train-mode
# teachers on every seed; not kept, first100 not run.
_base_ = ['./dual-student-supervised-teachers_res18-tiny_1xb32-2000it_'
          'synthetic-first70-128x96.py']

model = dict(teacher_eval=True)
