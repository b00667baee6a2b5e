"""Corpus outputs: locked against a second run, sealed by a manifest, never a paper, log-safe."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.cli import main
from extract.outputs import RunLock, verify_manifest

RUN = ["--workers", "1", "--quiet"]
REPO = Path(__file__).resolve().parents[2]


def test_run_outputs_second_run_on_the_same_out_is_refused(corpus_dir, fake_extractor, in_tmp):
    with RunLock(in_tmp / "pooled.csv"):  # a first run holds the outputs
        code = main([str(corpus_dir), "--out", "pooled.csv", *RUN])
    assert code == 2 and fake_extractor == []
    assert not (in_tmp / "pooled.partial.jsonl").exists()  # its journal was not touched


def test_run_outputs_second_process_gets_one_line(corpus_dir, in_tmp):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom extract.outputs import RunLock\n"
            "lock = RunLock(sys.argv[1]).acquire()\nprint('held', flush=True)\ntime.sleep(60)\n",
            str(in_tmp / "pooled.csv"),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        done = subprocess.run(
            [sys.executable, str(REPO / "cli.py"), str(corpus_dir), "--out", "pooled.csv", "-q"],
            cwd=in_tmp,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "another extract run" in lines[0] and f"process {holder.pid}" in lines[0]


def test_run_outputs_manifest_seals_the_finished_set(corpus_dir, fake_extractor, in_tmp):
    args = [str(corpus_dir), "-r", "--evidence", "ev.csv", "--html-dir", "pages", *RUN]
    assert main(args) == 1  # two papers of the corpus are broken on purpose
    manifest = in_tmp / "pooled.manifest.json"
    assert verify_manifest(manifest) == []
    document = json.loads(manifest.read_text())
    roles = [f["role"] for f in document["files"]]
    assert roles[:3] == ["pooled", "studies", "evidence"] and roles.count("review page") == 3
    assert document["exit_code"] == 1 and document["papers"]["found"] == 7


def test_run_outputs_manifest_removed_when_a_later_run_is_interrupted(
    corpus_dir, fake_extractor, in_tmp, monkeypatch
):
    assert main([str(corpus_dir), *RUN]) == 1
    assert (in_tmp / "pooled.manifest.json").exists()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("extract.corpus.run_papers", interrupted)
    assert main([str(corpus_dir), *RUN]) == 130
    assert verify_manifest(in_tmp / "pooled.manifest.json") != []  # the set is partial


def test_run_outputs_out_naming_a_paper_is_refused(corpus_dir, fake_extractor, in_tmp, capsys):
    paper = corpus_dir / "a-smith-2023.txt"
    before = paper.read_bytes()
    assert main([str(corpus_dir), "--out", str(paper), "--format", "csv", *RUN]) == 2
    assert "is the corpus paper a-smith-2023.txt" in capsys.readouterr().err
    assert paper.read_bytes() == before and fake_extractor == []


def test_run_outputs_out_dash_and_special_files_are_refused(
    corpus_dir, fake_extractor, in_tmp, capsys
):
    assert main([str(corpus_dir), "--out", "-", *RUN]) == 2
    assert "corpus mode writes files" in capsys.readouterr().err
    os.mkfifo(in_tmp / "ev.csv")
    assert main([str(corpus_dir), "--evidence", "ev.csv", *RUN]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert fake_extractor == []


def test_run_outputs_file_name_with_a_newline_cannot_forge_a_log_line(
    tmp_path, corpus_dir, fake_extractor, in_tmp, capsys
):
    folder = tmp_path / "corpus"
    folder.mkdir()
    forged = "x.txt: empty\nextract: error: forged line.txt"
    (folder / forged).write_text("")  # an empty file: it fails, and its name is printed
    (folder / "b-jones.md").write_bytes((corpus_dir / "b-jones-2024.md").read_bytes())
    assert main([str(folder), "--workers", "1"]) == 1
    captured = capsys.readouterr()
    for line in captured.err.splitlines() + captured.out.splitlines():
        assert not line.startswith("extract: error: forged"), line
    failed = [line for line in captured.err.splitlines() if "FAILED" in line]
    assert failed == ["[2/2] FAILED x.txt: empty\\nextract: error: forged line.txt: file is empty"]


def _without_root_powers() -> None:
    """In the child: give up root's right to ignore file permissions (CAP_DAC_*)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_run_outputs_read_only_folder_is_found_before_the_work(corpus_dir, in_tmp):
    folder = in_tmp / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            [sys.executable, str(REPO / "cli.py"), str(corpus_dir), "--out", "read-only/p.csv"],
            cwd=in_tmp,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            preexec_fn=_without_root_powers,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except OSError as exc:
        pytest.skip(f"cannot run without root's file powers here: {exc}")
    finally:
        folder.chmod(0o755)
    lines = done.stderr.splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "cannot write in folder read-only" in lines[0]
    assert not (in_tmp / "pooled.partial.jsonl").exists() and done.stdout == ""
