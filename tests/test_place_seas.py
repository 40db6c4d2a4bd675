"""Seas, straits, lakes, disputed features and oblasts of conflict geography that the
GeoNames-derived gazetteer lacks or names otherwise ("Volynska"), as news copy writes them."""

from __future__ import annotations

import pytest

from flashpoint.eval.toponyms import haversine
from flashpoint.stages.place_gazetteer import load
from flashpoint.stages.place_resolve import candidates


@pytest.mark.parametrize("name,lat,lon,kind", [
    ("Aegean Sea islands", 39.0, 25.0, "sea"),  # "accuses Greece of occupying Aegean Sea islands"
    ("the Aegean", 39.0, 25.0, "sea"),
    ("Volyn region", 51.5, 24.7, "admin1"),  # "Ukraine's northwestern Volyn region"
    ("the Strait of Hormuz", 26.6, 56.3, "sea"),
    ("Kerch Bridge", 45.3, 36.5, "facility"),
])
def test_seas_straits_and_regions_of_conflict_geography_resolve(name, lat, lon, kind):
    _key, cands, _via = candidates(load(), name)
    assert cands and cands[0].kind == kind and haversine(cands[0].lat, cands[0].lon, lat, lon) < 50


def test_islands_is_a_generic_word_not_hong_kongs_islands_district():
    key, cands, via = candidates(load(), "Aegean Sea islands")
    assert (key, via) == ("aegean sea", "part") and cands[0].name == "Aegean Sea"
