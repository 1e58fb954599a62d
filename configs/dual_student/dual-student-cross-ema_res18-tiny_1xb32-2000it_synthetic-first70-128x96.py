# The "cross-student EMA teachers" candidate at the lower label budget (the
# first 70 persons); see the first100 config.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first70-'
          '128x96.py']

model = dict(teacher_momentum=0.99)
