# The "fresh students, supervised teachers" candidate at the lower label
# budget (the first 70 persons); see the first100 config.
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first70-128x96.py']

model = dict(teacher_momentum=1.0)
load_from = 'work_dirs/pair_from_supervised/first70.teachers.pth'
