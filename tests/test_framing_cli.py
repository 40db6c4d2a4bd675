"""``flashpoint framing`` and the framing line of ``flashpoint show``: measures per outlet,
article and sentence, read back from the store after a real ingest."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flashpoint.cli import main

PARTISAN = """TITLE: NATO warmongers stoke hysteria at the border
OUTLET: Partisan Weekly
DATE: 2021-11-15

The imperialist warmongers in Washington are whipping up a hysterical campaign against Russia.
The fascistic Polish government has cracked down brutally on desperate refugees.
"We will defend our borders," Polish Prime Minister Mateusz Morawiecki said on Sunday.
"""

WIRE = """TITLE: Poland reinforces border with Belarus
OUTLET: Wire Service
DATE: 2021-11-15

Poland deployed 15,000 soldiers to its border with Belarus on Sunday, the defence ministry said.
The European Union said it would discuss new sanctions against Minsk on Monday.
"""


def _ingest(tmp_path):
    db = str(tmp_path / "fp.duckdb")
    files = []
    for name, text in (("partisan.txt", PARTISAN), ("wire.txt", WIRE)):
        path = tmp_path / name
        path.write_text(text)
        files.append(str(path))
    result = CliRunner().invoke(main, ["ingest", *files, "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_framing_by_outlet_ranks_the_partisan_outlet_first(tmp_path):
    db = _ingest(tmp_path)
    out = CliRunner().invoke(main, ["framing", "--db", db, "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)
    assert [r["outlet"] for r in rows] == ["Partisan Weekly", "Wire Service"]
    partisan, wire = rows
    assert partisan["loaded"] >= 3 and partisan["loaded_density"] > wire["loaded_density"]
    assert partisan["opinion_share"] > wire["opinion_share"]
    # who gets a voice: the Polish government in one, the Polish defence ministry and the EU in the other
    assert any(k.startswith("POL") for k in partisan["quoted_sources"])
    assert any(k.startswith(("POL", "EU")) for k in wire["quoted_sources"])
    table = CliRunner().invoke(main, ["framing", "--db", db]).stdout
    assert table.splitlines()[0].split()[:3] == ["OUTLET", "ARTICLES", "WORDS"]


def test_framing_per_sentence_marks_the_opinion_sentences(tmp_path):
    db = _ingest(tmp_path)
    out = CliRunner().invoke(main, ["framing", "--db", db, "--article", "partisan", "--format", "json"])
    rows = json.loads(out.stdout)
    by_text = {r["text"]: r for r in rows}
    campaign = next(r for t, r in by_text.items() if "hysterical campaign" in t)
    assert campaign["loaded"] >= 2 and campaign["opinion"] == "yes"
    missing = CliRunner().invoke(main, ["framing", "--db", db, "--article", "no-such-article"])
    assert missing.exit_code == 2 and "no article" in missing.output


def test_show_ends_with_the_framing_line(tmp_path):
    db = _ingest(tmp_path)
    shown = CliRunner().invoke(main, ["show", "partisan", "--db", db, "--no-color"]).stdout
    last = shown.strip().splitlines()[-1]
    assert last.startswith("framing: ") and "per 100 words" in last and "quoted: POL" in last
