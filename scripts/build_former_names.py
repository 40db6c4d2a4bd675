"""Build ``src/flashpoint/data/place/former_names.tsv``: the former names of countries (ISO 3166-3)
that have one successor, as names of that country ("Zaire" -> the Democratic Republic of the
Congo, "Upper Volta" -> Burkina Faso, "Dahomey" -> Benin).

    pip install -e '.[build]'
    python scripts/build_former_names.py

Source: ISO 3166-3 via the PyPI package ``pycountry`` (its data from Debian's iso-codes,
LGPL-2.1-or-later). An ISO 3166-3 code's last two letters are the successor's alpha-2 code; a
former country split among several ("HH", "XX") or folded into another former one has no single
successor and is left out, and so is a name the packaged gazetteer gives a region or town of the
successor ("Sikkim", a state of India), which the row would turn into the whole country. The
same inputs give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "flashpoint" / "data" / "place" / "former_names.tsv"


def main() -> None:
    import pycountry

    from flashpoint.stages.place_gazetteer import load, normalize

    gaz = load()
    rows = []
    for h in sorted(pycountry.historic_countries, key=lambda h: h.alpha_4):
        successor = pycountry.countries.get(alpha_2=h.alpha_4[2:])
        if successor is None or gaz.country(successor.alpha_3) is None:
            continue
        name = h.name.split(",")[0].strip()
        key = normalize(name)
        current = {normalize(getattr(successor, a, "") or "") for a in ("name", "official_name", "common_name")}
        if key in current:  # "France, Metropolitan", "Yemen, Democratic": the successor's own name
            continue
        if any(successor.alpha_3 in e.countries and e.kind != "country" for e in gaz.lookup_key(key)):
            continue
        rows.append(f"{name}\tc:{successor.alpha_3}\t{h.alpha_4}\t{getattr(h, 'withdrawal_date', '')}")
    OUT.write_text("# Former names of countries with one successor (ISO 3166-3 via pycountry, iso-codes:\n"
                   "# LGPL-2.1-or-later). Built by scripts/build_former_names.py; read as names of the successor.\n"
                   "alias\ttarget\tiso3166_3\twithdrawn\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} former names")


if __name__ == "__main__":
    main()
