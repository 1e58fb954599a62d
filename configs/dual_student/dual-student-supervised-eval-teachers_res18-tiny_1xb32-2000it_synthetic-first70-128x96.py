# Candidate "fresh students, eval-mode teachers": the "fresh students,
# supervised teachers" candidate (dual-student-supervised-teachers_*) with
# the two fixed supervised teachers predicting in eval mode, with the
# BatchNorm statistics of their supervised training, as mmdet's
# SemiBaseDetector runs its teacher and as the self-training round's
# pseudo-labels are exported; in train mode they normalise each batch of
# 64 unlabeled view crops by its own statistics.
_base_ = ['./dual-student-supervised-teachers_res18-tiny_1xb32-2000it_'
          'synthetic-first70-128x96.py']

model = dict(teacher_eval=True)
