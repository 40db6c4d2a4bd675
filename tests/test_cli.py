"""The command line, in process: every command documented, analyze/ingest/events/show on real text."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from flashpoint.cli import main


def all_commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from all_commands(cmd, f"{prefix}{name} ")


def test_every_command_and_option_is_documented():
    for name, cmd in all_commands(main):
        assert cmd.help, f"command {name!r} has no help"
        for param in cmd.params:
            if isinstance(param, click.Option) and param.name not in ("help", "version"):
                assert param.help, f"option {param.opts} of {name!r} has no help"


def test_readme_mentions_every_command():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, _ in all_commands(main):
        assert f"flashpoint {name}" in readme, f"README does not document 'flashpoint {name}'"


def test_analyze_missing_date_fails_clearly(tmp_path):
    path = tmp_path / "nodate.txt"
    path.write_text("Russia has sent paratroopers to Belarus in a show of support for its ally.")
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 1
    assert f"{path}: no publication date" in result.stderr and "--published" in result.stderr


def test_analyze_bad_and_good_inputs(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Russia has sent paratroopers to Belarus in a show of support for its ally.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(main, ["analyze", str(empty), str(good), "--published", "2021-11-12",
                                       "--format", "json"])
    assert result.exit_code == 1  # one input failed
    assert f"{empty}: empty file" in result.stderr
    assert isinstance(json.loads(result.stdout), list)  # the good one still went through


def test_ingest_events_show(tmp_path, example_path):
    db = str(tmp_path / "fp.duckdb")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(example_path), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "1 articles read: 1 new" in result.stdout
    result = runner.invoke(main, ["ingest", str(example_path), "--db", db, "--no-progress"])
    assert "0 new, 0 replaced, 1 unchanged" in result.stdout
    result = runner.invoke(main, ["events", "--db", db, "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.startswith("article_id,")
    result = runner.invoke(main, ["show", "wsws-2021-11-15", "--db", db, "--no-color"])
    assert result.exit_code == 0, result.output
    import re

    plain = re.sub(r"\^e\d+|\[[?!]?|[\]{}_]", "", result.stdout)  # the text without its marks
    assert "NATO push for dangerous escalation" in plain
    assert "joint Russian-Belarusian paratrooper exercise on Friday" in plain
    result = runner.invoke(main, ["show", "nosuch", "--db", db])
    assert result.exit_code == 2 and "no article 'nosuch'" in result.stderr


def test_events_without_database(tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no such database" in result.stderr


def test_show_marks_claims_denials_and_loaded_language(tmp_path, example_path):
    db = str(tmp_path / "fp.duckdb")
    denial = tmp_path / "denial_2021-11-12.txt"
    denial.write_text("The Kremlin has rejected claims that Russia deployed troops to the Belarusian border.\n")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(example_path), str(denial), "--db", db]).exit_code == 0
    shown = runner.invoke(main, ["show", "wsws-2021-11-15", "--db", db, "--no-color"]).stdout
    assert "[?moving]" in shown  # the US claim that Russia was moving troops
    assert "[?send]" in shown  # the British press report of a plan
    assert "_far-right Polish government_" in shown  # loaded language
    shown = runner.invoke(main, ["show", "denial_2021-11-12", "--db", db, "--no-color"]).stdout
    assert "[!deployed]" in shown and "[rejected]" in shown
