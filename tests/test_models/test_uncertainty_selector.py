import pytest
import torch

from semipose.models.losses import UncertaintySelector


def pool():
    """Pool of 2 members, 1 sample, 3 keypoints, 2x2 maps: member 0 is all
    ones, member 1 all twos, so the selected member is visible in the
    target values."""
    targets = torch.stack([torch.ones(1, 3, 2, 2), 2 * torch.ones(1, 3, 2, 2)])
    keep = torch.tensor([[[True, True, False]], [[True, False, False]]])
    uncertainty = torch.tensor([[[0.3, 0.1, 0.1]], [[0.2, 0.5, 0.0]]])
    return targets, keep, uncertainty


def test_min_uncertainty_picks_lowest_kept_member():
    selector = UncertaintySelector('min_uncertainty')
    target, weight, choice = selector.select(*pool(), student=0)
    # kpt 0: both kept, member 1 less uncertain; kpt 1: only member 0 kept;
    # kpt 2: none kept (member 1's lower uncertainty must not count)
    assert choice.tolist() == [[1, 0, -1]]
    assert weight.tolist() == [[1.0, 1.0, 0.0]]
    assert target[0, 0].eq(2).all() and target[0, 1].eq(1).all()


def test_peer_takes_the_other_student_even_if_worse():
    selector = UncertaintySelector('peer')
    _, weight, choice = selector.select(*pool(), student=0)
    assert choice.tolist() == [[1, -1, -1]]
    assert weight.tolist() == [[1.0, 0.0, 0.0]]
    _, weight, choice = selector.select(*pool(), student=1)
    assert choice.tolist() == [[0, 0, -1]]
    assert weight.tolist() == [[1.0, 1.0, 0.0]]


def test_weighted_mixes_kept_members_by_softmax():
    selector = UncertaintySelector('weighted', temperature=0.1)
    target, weight, _ = selector.select(*pool(), student=0)
    w1 = torch.softmax(torch.tensor([-3.0, -2.0]), 0)[1]  # -u / T
    torch.testing.assert_close(target[0, 0, 0, 0], 1 + w1)
    assert target[0, 1].eq(1).all()  # only member 0 kept
    assert target[0, 2].eq(0).all() and weight[0, 2] == 0


def test_loss_is_masked_mse_and_zero_keep_still_backpropagates():
    selector = UncertaintySelector('min_uncertainty')
    targets, keep, uncertainty = pool()
    pred = torch.zeros(1, 3, 2, 2, requires_grad=True)
    loss, stats = selector(pred, targets, keep, uncertainty, 0)
    # kpt 0 -> target 2 (sq err 4), kpt 1 -> target 1 (1), kpt 2 masked;
    # mmpose's KeypointMSELoss averages over all N*K*H*W elements
    assert loss.item() == pytest.approx((4 * 4 + 1 * 4) / 12)
    assert stats['kept'].item() == pytest.approx(2 / 3)
    assert stats['own'].item() == pytest.approx(1 / 2)

    pred = torch.rand(1, 3, 2, 2, requires_grad=True)
    loss, stats = selector(pred, targets, torch.zeros_like(keep),
                           uncertainty, 0)
    assert loss.item() == 0 and stats['kept'] == 0
    loss.backward()
    assert pred.grad is not None and pred.grad.eq(0).all()


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError, match='min_uncertainty'):
        UncertaintySelector('best')


def stability_pool():
    """5 keypoints; member 0 = student A's, member 1 = student B's.

    kpt 0: both stable, A more uncertain; kpt 1: both stable, B more
    uncertain; kpt 2: A kept but unstable (0.3 > 0.1), B stable; kpt 3: A
    stable, B not kept; kpt 4: neither stable."""
    targets = torch.stack([torch.ones(1, 5, 2, 2), 2 * torch.ones(1, 5, 2, 2)])
    keep = torch.tensor([[[True, True, True, True, True]],
                         [[True, True, True, False, True]]])
    uncertainty = torch.tensor([[[0.08, 0.02, 0.3, 0.05, 0.5]],
                                [[0.03, 0.09, 0.05, 0.01, 0.4]]])
    return targets, keep, uncertainty


def test_stability_follows_dual_students_rule():
    selector = UncertaintySelector('stability', stable_uncertainty=0.1)
    target, weight, choice = selector.select(*stability_pool(), student=0)
    # A: learns from B where both are stable and A is the more uncertain
    # (kpt 0) and where only B is stable (kpt 2); keeps its own target where
    # it is the more stable (kpt 1) or the only stable one (kpt 3)
    assert choice.tolist() == [[1, 0, 1, 0, -1]]
    assert weight.tolist() == [[1.0, 1.0, 1.0, 1.0, 0.0]]
    assert target[0, 0].eq(2).all() and target[0, 1].eq(1).all()
    _, weight, choice = selector.select(*stability_pool(), student=1)
    # B: own where it is the more stable (kpt 0, 2); from A where A is
    # (kpt 1) or where B's member was dropped (kpt 3)
    assert choice.tolist() == [[1, 0, 1, 0, -1]]
    assert weight.tolist() == [[1.0, 1.0, 1.0, 1.0, 0.0]]


def test_one_way_teacher_gets_no_target_or_a_lower_weight():
    targets, keep, uncertainty = pool()  # kpt 0: B teaches; kpt 1: only A
    selector = UncertaintySelector('one_way')
    _, weight_a, choice_a = selector.select(targets, keep, uncertainty, 0)
    _, weight_b, choice_b = selector.select(targets, keep, uncertainty, 1)
    assert choice_a.tolist() == [[1, -1, -1]]  # A learns kpt 0 from B
    assert choice_b.tolist() == [[-1, 0, -1]]  # B learns kpt 1 from A
    assert weight_a.tolist() == [[1.0, 0.0, 0.0]]
    assert weight_b.tolist() == [[0.0, 1.0, 0.0]]
    selector = UncertaintySelector('one_way', teacher_weight=0.25)
    _, weight_a, choice_a = selector.select(targets, keep, uncertainty, 0)
    assert choice_a.tolist() == [[1, 0, -1]]  # A teaches kpt 1: own target
    assert weight_a.tolist() == [[1.0, 0.25, 0.0]]


def test_two_student_rules_need_one_member_per_student():
    targets, keep, uncertainty = pool()
    with pytest.raises(ValueError, match='one pool member per student'):
        UncertaintySelector('stability').select(
            targets.repeat(2, 1, 1, 1, 1), keep.repeat(2, 1, 1),
            uncertainty.repeat(2, 1, 1), 0)


def test_uncertainty_rank_weights_fall_with_the_selected_members_rank():
    # 4 samples, 2 keypoint types, peer targets for student A (member 1)
    targets = torch.stack([torch.ones(4, 2, 2, 2), 2 * torch.ones(4, 2, 2, 2)])
    keep = torch.tensor([[True] * 2] * 4).expand(2, 4, 2).clone()
    keep[1, 3, 0] = False  # type 0: 3 kept targets
    uncertainty = torch.tensor([
        [[0.0, 0.0]] * 4,  # A's own members: must not enter the ranking
        [[0.3, 0.9], [0.1, 0.8], [0.2, 0.7], [0.0, 0.6]]])
    selector = UncertaintySelector('peer', weighting='uncertainty_rank')
    _, weight, choice = selector.select(targets, keep, uncertainty, 0)
    assert choice[:, 0].tolist() == [1, 1, 1, -1]
    # type 0: ranks 2, 0, 1 of 3 kept -> 2 * (1 - (rank + 0.5) / 3);
    # type 1, ranked on its own: ranks 3, 2, 1, 0 of 4
    torch.testing.assert_close(weight[:, 0],
                               torch.tensor([1 / 3, 5 / 3, 1.0, 0.0]))
    torch.testing.assert_close(weight[:, 1],
                               torch.tensor([0.25, 0.75, 1.25, 1.75]))
    # every type's weights average 1 over its kept targets
    assert weight[:3, 0].mean().item() == pytest.approx(1.0)
    assert weight[:, 1].mean().item() == pytest.approx(1.0)


def test_uncertainty_rank_weights_scale_the_one_way_teachers_weight():
    targets, keep, uncertainty = pool()
    selector = UncertaintySelector('one_way', teacher_weight=0.25,
                                   weighting='uncertainty_rank')
    _, weight_a, _ = selector.select(targets, keep, uncertainty, 0)
    # one kept target per type -> rank weight 1, the teacher's 0.25 stays
    assert weight_a.tolist() == [[1.0, 0.25, 0.0]]


def test_weighting_is_checked():
    with pytest.raises(ValueError, match='weighting must be'):
        UncertaintySelector(weighting='rank')
    with pytest.raises(ValueError, match='takes no "weighting"'):
        UncertaintySelector('weighted', weighting='uncertainty_rank')
