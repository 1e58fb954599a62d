# Candidate "from supervised, unit-height targets": ours from supervised
# with every refined pseudo-keypoint rendered at height 1, as a labeled
# keypoint's target and as the self-training round's pseudo-labels (which
# beat the pair at 100 labels), instead of at its confidence c. Frozen
# teachers showed that the round's fixed teacher is not what it has over
# the pair; its targets' height is one of the other differences. From
# scratch the height made no difference (docs/results.md, "Unit-height
# targets").
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first70-128x96.py']

model = dict(target_height='one')
