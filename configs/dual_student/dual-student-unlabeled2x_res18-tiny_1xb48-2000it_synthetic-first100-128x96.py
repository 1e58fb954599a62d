# Candidate "2x unlabeled crops": ours with 32 unlabeled crops per iteration
# instead of 16 (batch 48, sources 1:2); the 16 labeled crops, the schedule
# and everything else stay. A longer schedule lifts supervised as much as
# ours (docs/design.md, the schedule section); this spends the extra
# compute on the unlabeled branch only. To be measured.
_base_ = ['./dual-student_res18-tiny_1xb32-2000it_synthetic-first100-'
          '128x96.py']

batch_size = 48  # 16 labeled, 32 unlabeled
train_dataloader = dict(
    batch_size=batch_size,
    sampler=dict(batch_size=batch_size, source_ratio=[1, 2]))
