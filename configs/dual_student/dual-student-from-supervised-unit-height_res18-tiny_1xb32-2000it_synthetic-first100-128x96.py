# Candidate "from supervised, unit-height targets": ours from supervised
# with every refined pseudo-keypoint rendered at height 1, as a labeled
# keypoint's target and as the self-training round's pseudo-labels (which
# beat the pair at 100 labels), instead of at its confidence c. Frozen
# teachers showed that the round's fixed teacher is not what it has over
# the pair; its targets' height is one of the other differences. From
# scratch the height made no difference (docs/results.md, "Unit-height
# targets"). Measured at first70 on the Zen 4 host (seeds 0 / 1,
# docs/benchmark_runs_zen4_host): 25.9 and 25.3 AP against ours from
# supervised 27.6 and 27.0 (-1.7 on both): not kept.
_base_ = ['./dual-student-from-supervised_res18-tiny_1xb32-2000it_synthetic-'
          'first100-128x96.py']

model = dict(target_height='one')
