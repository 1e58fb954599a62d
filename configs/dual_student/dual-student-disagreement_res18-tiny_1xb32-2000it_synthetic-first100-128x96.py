# Candidate "disagreement": the uncertainty that selects is measured across
# the students (the RMS difference of a student's mapped-back views from
# the peer's aggregate, at its largest pixel) instead of over one student's
# own views.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(uncertainty='disagreement')
