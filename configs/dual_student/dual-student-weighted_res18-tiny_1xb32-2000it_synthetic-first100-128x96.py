# Candidate "uncertainty-weighted targets": ours with each student's target
# the two students' kept denoised maps averaged with weights
# softmax(-uncertainty / 0.1) per keypoint, instead of the less uncertain
# one alone (the selection issue's "uncertainty-weighted targets"). The
# cross-student uncertainty is about 0.25 in the mean at the end of ours'
# runs, so a temperature of 0.1 mixes two members whose uncertainties differ
# by 0.1 about 73:27. Measured (fp32 geometry, same host, student A, seed
# 0; docs/results.md): 24.2 AP at first70 and 28.5 at first100 against
# ours' 24.6 and 28.8 (ensemble 27.2 and 30.7 against 27.4 and 30.9). Not
# kept; seeds 1 and 2 not run.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

model = dict(
    selector=dict(type='UncertaintySelector', mode='weighted',
                  temperature=0.1))
