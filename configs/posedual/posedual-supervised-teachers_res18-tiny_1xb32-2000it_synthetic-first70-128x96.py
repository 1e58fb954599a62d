# PoseDual with the start of the candidate "fresh students, supervised
# teachers" (two supervised models of the budget as fixed teachers, the
# students from scratch, no warm-up; see
# configs/dual_student/dual-student-supervised-teachers_*first100*), for
# the ablation in that regime: each student learns its peer's teacher's
# raw map.
_base_ = ['./posedual-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first70-128x96.py']

model = dict(teacher_momentum=1.0)
load_from = 'work_dirs/pair_from_supervised/first70.teachers.pth'
