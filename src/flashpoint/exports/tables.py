"""The column lists and code tables of the exports, loaded once from ``data/export/``."""

from __future__ import annotations

from functools import lru_cache

from .. import data


@lru_cache(maxsize=None)
def columns(name: str) -> tuple[str, ...]:
    """A format's columns in the published order (``data/export/columns/<name>.txt``)."""
    return tuple(data.lines("export", f"columns/{name}.txt"))


@lru_cache(maxsize=None)
def table(name: str, key: str) -> dict[str, dict[str, str]]:
    """A code table of ``data/export/`` keyed by its column ``key``."""
    return {row[key]: row for row in data.tsv("export", name)}


def country(iso3: str | None) -> dict[str, str]:
    """``{iso3, iso_numeric, fips, name}`` of a country (empty for an organisation or None)."""
    return table("countries.tsv", "iso3").get(iso3 or "", {})


def organisation(code: str | None) -> dict[str, str]:
    """``{code, cameo, known_group, acled_inter}`` of an organisation code (NATO, EU, ...)."""
    return table("organisations.tsv", "code").get(code or "", {})


@lru_cache(maxsize=None)
def organisation_names() -> dict[str, str]:
    """Organisation code -> name, from the actors stage's table."""
    return {row["code"]: row["name"] for row in data.tsv("actors", "organisations.tsv")}


def sector(code: str | None) -> dict[str, str]:
    """The row of ``sectors.tsv`` for a PLOVER sector ("" for a country or organisation as a whole)."""
    sectors = table("sectors.tsv", "sector")
    return sectors.get(code or "", sectors[""])


def place_kind(kind: str | None) -> dict[str, str]:
    return table("places.tsv", "kind").get(kind or "", {})


def cameo_name(code: str | None) -> str:
    return table("cameo_names.tsv", "cameo").get(code or "", {}).get("name", "")


@lru_cache(maxsize=None)
def quad_names() -> dict[int, str]:
    """Quad class number -> its name in capitals, as POLECAT writes it ("VERBAL CONFLICT")."""
    return {int(r["quad_class"]): r["quad"].upper() for r in data.tsv("scores", "quad_classes.tsv")}


@lru_cache(maxsize=None)
def acled_types() -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["type"], r["mode"], r["recipient"]): r for r in data.tsv("export", "acled_types.tsv")}


def acled_type(type_: str, mode: str | None, recipient_sector: str | None) -> dict[str, str] | None:
    """The ACLED event and sub-event type of a PLOVER type and mode, or None where ACLED codes no
    such event (see ``acled_types.tsv`` for the order of the look-up)."""
    rows = acled_types()
    for m in dict.fromkeys((mode or "", "")):
        if m == "" and mode and type_ != "ASSAULT":
            break
        for r in (recipient_sector or "", "*"):
            if (type_, m, r) in rows:
                return rows[(type_, m, r)]
    return None
