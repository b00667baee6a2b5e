"""What the install puts on a user's path, and the documented Python API."""

import json
import os
import subprocess
import sys
from pathlib import Path

from extract import extract_paper
from extract.cli import main

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "hasanli-2026-dva-ali-case-series.txt"


def test_no_top_level_cli_or_evaluate_module_is_installed(tmp_path):
    code = "import importlib.util as u; print(u.find_spec('cli'), u.find_spec('evaluate'))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the install, not a checkout
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert out.stdout.strip() == "None None"


def test_extract_paper_is_exactly_what_the_cli_prints(capsys):
    assert main([str(SEED)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(extract_paper(SEED).model_dump_json())


def test_evaluation_is_an_installed_command(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "extract.evaluation.cli", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "--min-f1" in out.stdout


def test_help_has_examples_and_every_option_explained(capsys):
    parser = __import__("extract.cli", fromlist=["build_parser"]).build_parser()
    undocumented = [a.dest for a in parser._actions if not a.help and a.dest != "path"]
    assert undocumented == []
    assert "examples:" in parser.format_help()


def test_one_papers_out_named_as_a_table_is_refused(tmp_path, capsys):
    assert main([str(SEED), "--out", str(tmp_path / "result.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "one paper's result is JSON" in err
    assert not (tmp_path / "result.csv").exists()
