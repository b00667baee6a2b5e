"""Output checks, the run lock and the manifest, on their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract.errors import OutputError
from extract.outputs import (
    RunLock,
    check_targets,
    manifest_path,
    remove_manifest,
    verify_manifest,
    write_manifest,
)

REPO = Path(__file__).resolve().parents[1]


def test_outputs_distinct_regular_files_pass(tmp_path):
    paper = tmp_path / "paper.txt"
    paper.write_text("x")
    checked = check_targets({"paper": str(paper)}, {"--out": str(tmp_path / "r.json")})
    assert checked["--out"] == tmp_path / "r.json"


def test_outputs_two_labels_one_file_through_a_link_is_refused(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    outputs = {"--out": str(tmp_path / "a.json"), "--html": str(tmp_path / "b.json")}
    with pytest.raises(OutputError, match="name the same file"):
        check_targets({}, outputs)


def test_outputs_symlink_loop_is_named(tmp_path):
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    with pytest.raises(OutputError, match="symbolic link loop"):
        check_targets({}, {"--out": str(tmp_path / "a.json")})


def test_outputs_lock_refuses_a_second_holder_in_another_process(tmp_path):
    out = tmp_path / "pooled.csv"
    with RunLock(out):
        code = (
            "import sys\nfrom extract.outputs import RunLock\nfrom extract.errors import "
            "OutputError\ntry:\n    RunLock(sys.argv[1]).acquire()\nexcept OutputError as e:\n"
            "    print(e)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(out)],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert "another extract run" in done.stdout and f"process {os.getpid()}" in done.stdout
    with RunLock(out):  # released at the end of the block: a later run takes it
        pass


def test_outputs_manifest_tells_a_finished_set_from_a_partial_one(tmp_path):
    out = tmp_path / "pooled.csv"
    studies = tmp_path / "pooled_studies.csv"
    out.write_text("a\n1\n")
    studies.write_text("b\n2\n")
    target = manifest_path(out)
    assert target.name == "pooled.manifest.json"
    assert verify_manifest(target) != []  # no manifest yet: not finished
    write_manifest(target, [("pooled", out), ("studies", studies)], {"exit_code": 0})
    assert verify_manifest(target) == []
    listed = json.loads(target.read_text())["files"]
    assert [f["path"] for f in listed] == ["pooled.csv", "pooled_studies.csv"]
    studies.write_text("b\n3\n")  # a file of the set replaced later, by hand or by a torn run
    assert any("changed" in problem for problem in verify_manifest(target))
    remove_manifest(target)
    assert not target.exists()
