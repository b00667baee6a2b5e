"""Raw bytes and strings into the reader and the CLI: a result or one clean line, no traceback."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from fuzz_strategies import fuzz_settings, paper_like_text, raw_bytes
from hypothesis import given
from hypothesis import strategies as st

import cli
from extract.errors import ExtractError, InputError
from extract.reading import read_document
from extract.reading.text import decode_text
from schemas.models import ExtractionResult

SUFFIXES = st.sampled_from([".txt", ".md", ".pdf", ".text", ""])


def _run_cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(args)
    return code, out.getvalue(), err.getvalue()


def _assert_clean(code: int, out: str, err: str) -> None:
    """Exit 0 with a valid result, or exit 2 with one `extract: error:` line; never a bug."""
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 2), (code, err)
    if code == 2:
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("extract: error: "), lines
    else:
        ExtractionResult.model_validate_json(out)
        assert all(line.startswith("warning: ") for line in err.splitlines()), err


@fuzz_settings(share=4)
@given(raw_bytes)
def test_fuzz_decode_text_gives_text_or_one_line_input_error(data: bytes):
    try:
        text, warnings = decode_text(data, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ") and "\n" not in str(exc)
        return
    assert "\r" not in text
    assert "\x00" not in text
    assert all("\n" not in w for w in warnings)


@fuzz_settings(share=2)
@given(raw_bytes, SUFFIXES)
def test_fuzz_read_document_gives_a_document_or_an_extract_error(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"paper{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path, max_pages=5)
        except ExtractError as exc:
            assert "\n" not in str(exc) and str(exc)
            return
    assert doc.text.strip()
    assert doc.format in ("text", "pdf")


@fuzz_settings()
@given(raw_bytes, SUFFIXES)
def test_fuzz_cli_on_any_bytes_never_prints_a_traceback(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"paper{suffix}"
        path.write_bytes(data)
        _assert_clean(*_run_cli([str(path), "--max-pages", "5"]))


@fuzz_settings()
@given(paper_like_text)
def test_fuzz_cli_on_any_text_never_prints_a_traceback(text: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paper.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        _assert_clean(*_run_cli([str(path)]))


@fuzz_settings(share=2)
@given(st.text(max_size=300))
def test_fuzz_cli_on_any_missing_path_is_one_line(name: str):
    with tempfile.TemporaryDirectory() as folder:
        code, out, err = _run_cli([str(Path(folder) / f"absent-{name}")])
    assert code == 2 and out == "", err
    assert len(err.splitlines()) == 1 and err.startswith("extract: error: "), err
