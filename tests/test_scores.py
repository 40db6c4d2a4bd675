"""The scores stage: CAMEO code, quad class, Goldstein and PLOVER scores from the tables.

Expected figures read by hand from the PLOVER manual's score table, its quad table, the
CAMEO-to-PLOVER table and the CAMEO Goldstein scale."""

from __future__ import annotations

import pytest

from flashpoint.model import Event, Span
from flashpoint.stages.scores import score


def event(typ, mode=None, status="asserted", modality="actual"):
    return Event(typ, Span(0, 8, "deployed", 0), 0, mode=mode, status=status, modality=modality)


@pytest.mark.parametrize("typ, mode, cameo, quad, goldstein, plover", [
    ("MOBILIZE", "troops", "152", 4, -7.2, -6.5),  # 152: increase military alert status
    ("MOBILIZE", None, "15", 4, -7.2, -5.5),
    ("ACCUSE", "disapprove", "110", 3, -2.0, -2.0),
    ("ACCUSE", None, "11", 3, -2.0, -3.0),  # manual prints +3: corrected in plover_score_fixes.tsv
    ("REJECT", None, "12", 3, -4.0, -2.0),
    ("AID", None, "07", 2, 7.0, 10.0),
    ("CONSULT", "visit", "042", 1, 1.9, 4.0),
    ("COERCE", "arrest", "173", 4, -5.0, -7.0),
    ("SANCTION", None, "16", 3, -4.0, -6.0),
])
def test_scores_from_type_and_mode(typ, mode, cameo, quad, goldstein, plover):
    s = score(event(typ, mode))
    assert (s.cameo, s.quad_class, s.goldstein, s.plover) == (cameo, quad, goldstein, plover)
    assert s.weight == 1.0 and s.weighted == plover


def test_weight_from_status_and_modality():
    # the factuality stage's table: a reported plan counts a quarter, denied/hypothetical nothing
    s = score(event("MOBILIZE", "troops", status="attributed", modality="planned"))
    assert s.weight == pytest.approx(0.25)
    assert s.weighted == pytest.approx(-6.5 * 0.25)
    assert score(event("ASSAULT", modality="negated")).weighted == 0.0
    assert score(event("ASSAULT", status="denied")).weight == 0.0
    assert score(event("ASSAULT", modality="hypothetical")).weight == 0.0
    assert 0 < score(event("ASSAULT", status="attributed")).weight < score(event("ASSAULT")).weight


def test_scores_stage_fills_every_event(analyze):
    a = analyze("Russia sent paratroopers to Belarus. The EU accuses Minsk of weaponizing migrants.")
    assert a.events
    by_type = {e.type: e.scores for e in a.events}
    assert by_type["MOBILIZE"].cameo == "152" and by_type["MOBILIZE"].quad_class == 4
    assert by_type["ACCUSE"].quad_class == 3 and by_type["ACCUSE"].goldstein is not None
    assert all(e.scores.plover is not None for e in a.events)
