"""Load time, memory and lookup speed of the packaged gazetteer.

    PYTHONPATH=src python benchmarks/bench_gazetteer.py [--json]

Loads ``data/place/gazetteer.tsv.gz`` once (as the place stage does), reports the seconds and
the growth of the process's peak resident memory, then looks up every place's main name once
(the gazetteer's own names: a mix of hits with one and with many candidates) and gives the rate.
"""

from __future__ import annotations

import argparse
import json
import resource
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    from flashpoint.data import path
    from flashpoint.stages.place_gazetteer import load

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    gaz = load()
    load_s = time.perf_counter() - t0
    memory_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    names = [e.name for e in gaz.entries]
    t0 = time.perf_counter()
    for n in names:
        gaz.lookup(n)
    rate = len(names) / (time.perf_counter() - t0)
    kinds: dict[str, int] = {}
    for e in gaz.entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    out = {"file_mb": round(path("place", "gazetteer.tsv.gz").stat().st_size / 1e6, 1), "places": len(gaz.entries),
           "names": len(gaz.index), "kinds": kinds, "load_s": round(load_s, 2), "memory_mb": round(memory_mb),
           "lookups_per_s": round(rate)}
    if args.json:
        print(json.dumps(out))
    else:
        print(f"gazetteer {out['file_mb']} MB on disk, {out['places']:,} places, {out['names']:,} names; "
              f"load {out['load_s']} s, +{out['memory_mb']} MB resident; {out['lookups_per_s']:,} lookups/s")
        print("  " + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
