"""``flashpoint bench`` on the example article: runs both sides and reports its keys."""

from __future__ import annotations

import json

from click.testing import CliRunner


def test_bench_reports_throughput_and_memory(example_path):
    from flashpoint.cli import main

    result = CliRunner().invoke(main, ["bench", str(example_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["articles"] == 1 and report["errors"] == 0
    assert report["sentences"] > 10
    for key in ("articles_per_s", "sentences_per_s", "spacy_articles_per_s", "ratio", "peak_rss_mb"):
        assert report[key] > 0, key
    assert report["ratio"] == report["articles_per_s"] / report["spacy_articles_per_s"]
    assert report["stages"][:2] == ["repair", "nlp"]


def test_bench_refuses_a_folder_without_articles(tmp_path):
    from flashpoint.cli import main

    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", str(tmp_path)])
    assert result.exit_code == 2
    assert "no readable articles" in result.output
