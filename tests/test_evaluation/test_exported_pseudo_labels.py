import pytest

from semipose.evaluation import exported_pck, kept_pseudo_label_pck


def person(pid, keypoints, scores=None, box=(0., 0., 100., 50.)):
    ann = dict(id=pid, bbox=list(box),
               keypoints=[v for point in keypoints for v in point])
    if scores is not None:
        ann['keypoint_scores'] = scores
    return ann


def test_pck_of_the_most_confident_keypoints():
    truth = dict(annotations=[
        person(1, [(10, 10, 2), (20, 20, 2), (30, 30, 0)]),
        person(2, [(50, 50, 2), (60, 60, 2), (70, 70, 2)]),
    ])
    # errors / box side (100): 0.01, 0.10, -, 0.04, 0.30, dropped
    pseudo = dict(annotations=[
        person(1, [(11, 10, 2), (30, 20, 2), (30, 30, 2)], [0.9, 0.2, 1.0]),
        person(2, [(50, 54, 2), (60, 90, 2), (0, 0, 0)], [0.8, 0.5, 0.0]),
    ])
    rows = exported_pck(pseudo, truth, fractions=(1.0, 0.5))
    # 4 keypoints count; by score: 0.9 (ok), 0.8 (ok), 0.5 (no), 0.2 (no)
    assert rows[0] == dict(kept=1.0, num=4, min_score=0.2, pck=0.5)
    assert rows[1] == dict(kept=0.5, num=2, min_score=0.8, pck=1.0)


def test_unknown_person_is_an_error():
    with pytest.raises(KeyError):
        exported_pck(dict(annotations=[person(9, [(0, 0, 2)], [1.])]),
                     dict(annotations=[]))


def test_share_kept_and_pck_of_the_kept_keypoints():
    truth = dict(annotations=[
        person(1, [(10, 10, 2), (20, 20, 1), (30, 30, 0)]),
        person(2, [(50, 50, 2), (60, 60, 2), (70, 70, 2)]),
    ])
    # 5 labeled keypoints; kept: 0.01 (ok), 0.04 (ok), 0.30 (no) of the
    # box side; the unlabeled third keypoint of person 1 does not count
    pseudo = dict(annotations=[
        person(1, [(11, 10, 2), (0, 0, 0), (30, 30, 2)]),
        person(2, [(50, 54, 2), (60, 90, 2), (0, 0, 0)]),
    ])
    result = kept_pseudo_label_pck(pseudo, truth)
    assert result == pytest.approx(dict(kept=3 / 5, pck=2 / 3))
    assert kept_pseudo_label_pck(pseudo, truth, threshold=0.5)['pck'] == 1.0
    nothing = dict(annotations=[person(2, [(0, 0, 0)] * 3)])
    assert kept_pseudo_label_pck(nothing, truth) == dict(kept=0.0, pck=0.0)
