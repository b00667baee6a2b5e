"""`extract` on bad input: one line on stderr, exit code 2, no traceback, nothing half-written."""

from __future__ import annotations

import builtins
import json
import os

import pytest

import cli
import extract.pipeline
from extract.errors import InputError
from schemas.models import ExtractionResult, Source

CASE = (
    "A 64-year-old woman with diabetes presented with rest pain and a nonhealing ulcer of the "
    "left hallux (Rutherford 5). She underwent percutaneous deep vein arterialization from the "
    "posterior tibial artery to the posterior tibial vein with a 5 × 150 mm Viabahn.\n"
)
OLD_JSON = '{"previous": "result"}\n'


@pytest.fixture
def paper(tmp_path):
    path = tmp_path / "case.txt"
    path.write_text(CASE, encoding="utf-8")
    return path


@pytest.fixture
def existing_out(tmp_path):
    path = tmp_path / "result.json"
    path.write_text(OLD_JSON, encoding="utf-8")
    return path


@pytest.fixture
def no_extraction(monkeypatch):
    """Fail the test if the CLI gets as far as extracting."""

    def refuse(*args, **kwargs):
        raise AssertionError("extraction must not start")

    monkeypatch.setattr(extract.pipeline, "extract_paper", refuse)


def _fake_result(path) -> ExtractionResult:
    return ExtractionResult(source=Source(path=str(path), sha256="0" * 64, format="text"))


def _temp_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- input errors ---------------------------------------------------------------------------


def test_cli_missing_path_is_a_one_line_error(run_cli, tmp_path):
    run_cli(tmp_path / "absent.txt").assert_one_line_error("absent.txt", "no such file")


def test_cli_without_a_path_is_a_one_line_error(run_cli):
    run_cli().assert_one_line_error("give a paper")


def test_cli_unreadable_file_is_a_one_line_error(run_cli, paper, monkeypatch):
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == os.fspath(paper):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    run_cli(paper).assert_one_line_error("permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_cli_file_without_read_permission_is_a_one_line_error(run_cli, paper):
    paper.chmod(0)
    try:
        run_cli(paper).assert_one_line_error("permission denied")
    finally:
        paper.chmod(0o600)


def test_cli_empty_file_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run_cli(path).assert_one_line_error("empty")


def test_cli_binary_file_named_txt_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 16)
    run_cli(path).assert_one_line_error("binary")


def test_cli_invalid_utf8_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "mangled.txt"
    path.write_bytes(CASE.encode() + bytes(range(0x80, 0xA0)) * 8)
    run_cli(path).assert_one_line_error("invalid UTF-8")


def test_cli_text_over_max_bytes_is_a_one_line_error(run_cli, paper):
    run_cli(paper, "--max-bytes", 100).assert_one_line_error("--max-bytes 100")


def test_cli_default_limits_are_100_mb_and_200_pages():
    args = cli.build_parser().parse_args(["paper.pdf"])
    assert args.max_bytes == 100 * 1024 * 1024
    assert args.max_pages == 200


@pytest.mark.parametrize(
    "flag, value", [("--max-pages", "0"), ("--max-bytes", "-1"), ("--max-pages", "many")]
)
def test_cli_bad_limit_values_are_usage_errors(capsys, flag, value):
    with pytest.raises(SystemExit) as info:
        cli.main(["paper.txt", flag, value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith(f"extract: error: argument {flag}")


@pytest.mark.parametrize(
    "name, shown",
    [("two\nlines.txt", "two\\nlines.txt"), ("next\x85line.txt", "next\\x85line.txt")],
)
def test_cli_file_name_with_a_line_break_stays_one_line(run_cli, tmp_path, name, shown):
    run_cli(tmp_path / name).assert_one_line_error(shown)


def test_cli_unexpected_failure_is_one_line_not_a_traceback(run_cli, paper, monkeypatch):
    def crash(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(extract.pipeline, "extract_paper", crash)
    monkeypatch.delenv("EXTRACT_DEBUG", raising=False)
    run = run_cli(paper)
    assert run.code == 1 and run.out == ""
    assert run.err.splitlines() == [
        "extract: internal error: ZeroDivisionError: division by zero "
        "(set EXTRACT_DEBUG=1 for the traceback)"
    ]


def test_cli_extract_debug_shows_the_traceback_of_a_bug(paper, monkeypatch):
    def crash(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(extract.pipeline, "extract_paper", crash)
    monkeypatch.setenv("EXTRACT_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main([str(paper)])


# --- output errors: checked before any work, nothing half-written ----------------------------


def test_cli_out_in_missing_folder_is_a_one_line_error(run_cli, paper, tmp_path, no_extraction):
    out = tmp_path / "no" / "such" / "folder" / "result.json"
    run_cli(paper, "--out", out).assert_one_line_error("does not exist")
    assert not (tmp_path / "no").exists()


def test_cli_out_that_is_a_directory_is_a_one_line_error(run_cli, paper, tmp_path, no_extraction):
    run_cli(paper, "--out", tmp_path).assert_one_line_error("is a directory")


def test_cli_out_below_a_file_is_a_one_line_error(run_cli, paper, existing_out, no_extraction):
    run_cli(paper, "--out", existing_out / "result.json").assert_one_line_error("does not exist")
    assert existing_out.read_text() == OLD_JSON


def test_cli_html_in_missing_folder_fails_before_extraction(
    run_cli, paper, tmp_path, no_extraction
):
    run_cli(paper, "--html", tmp_path / "absent" / "review.html").assert_one_line_error(
        "does not exist"
    )


@pytest.mark.parametrize(
    "name, data",
    [
        ("absent.txt", None),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02" * 100),
        ("mangled.txt", bytes(range(0x80, 0xA0)) * 8),
    ],
)
def test_cli_existing_out_is_unchanged_when_the_input_fails(
    run_cli, tmp_path, existing_out, name, data
):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    run_cli(path, "--out", existing_out).assert_one_line_error()
    assert existing_out.read_text() == OLD_JSON
    assert _temp_files(tmp_path) == []


def test_cli_existing_out_is_unchanged_when_extraction_fails(
    run_cli, paper, tmp_path, existing_out, monkeypatch
):
    def fail(*args, **kwargs):
        raise InputError(f"{paper}: no text layer")

    monkeypatch.setattr(extract.pipeline, "extract_paper", fail)
    run_cli(paper, "--out", existing_out).assert_one_line_error("no text layer")
    assert existing_out.read_text() == OLD_JSON
    assert _temp_files(tmp_path) == []


def test_cli_existing_out_is_replaced_atomically_on_success(
    run_cli, paper, tmp_path, existing_out, monkeypatch
):
    monkeypatch.setattr(extract.pipeline, "extract_paper", lambda path, **kw: _fake_result(path))
    renames = []
    real_replace = os.replace

    def recording_replace(src, dst):
        renames.append((os.fspath(src), os.fspath(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", recording_replace)
    run = run_cli(paper, "--out", existing_out)
    assert run.code == 0 and run.out == "" and "Traceback" not in run.err
    written = json.loads(existing_out.read_text())
    assert written["schema_version"] == "1.0" and written["source"]["path"] == str(paper)
    assert len(renames) == 1 and renames[0][1] == os.fspath(existing_out)
    assert os.path.dirname(renames[0][0]) == os.fspath(tmp_path)  # same folder: rename is atomic
    assert _temp_files(tmp_path) == []


def test_cli_failed_write_keeps_the_existing_out(
    run_cli, paper, tmp_path, existing_out, monkeypatch
):
    monkeypatch.setattr(extract.pipeline, "extract_paper", lambda path, **kw: _fake_result(path))

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    run_cli(paper, "--out", existing_out).assert_one_line_error("cannot write", "no space left")
    assert existing_out.read_text() == OLD_JSON
    assert _temp_files(tmp_path) == []


def test_cli_gold_that_is_a_directory_is_a_one_line_error(run_cli, paper, tmp_path, existing_out):
    page = tmp_path / "review.html"
    run = run_cli(paper, "--html", page, "--gold", tmp_path, "--out", existing_out)
    run.assert_one_line_error("gold")
    assert existing_out.read_text() == OLD_JSON
    assert not page.exists()
    assert _temp_files(tmp_path) == []
