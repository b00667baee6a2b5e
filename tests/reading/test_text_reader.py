"""The text reader: encodings, line ends, and the one-line errors for unreadable input."""

from __future__ import annotations

import builtins
import os

import pytest

from extract.errors import ExtractError, InputError, LimitError
from extract.reading import read_document, read_raw
from extract.reading.text import decode_text, read_text

CASE = "A 64-year-old woman presented with rest pain of the left foot (Rutherford 5).\n"


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _assert_one_line(exc: BaseException) -> None:
    message = str(exc)
    assert message and "\n" not in message and "Traceback" not in message


def test_text_reader_utf8_with_bom_strips_the_bom(tmp_path):
    path = _write(tmp_path, "p.txt", b"\xef\xbb\xbf" + CASE.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == CASE
    assert doc.format == "text"
    assert doc.warnings == []


def test_text_reader_windows_line_endings_become_newlines(tmp_path):
    path = _write(tmp_path, "p.txt", b"Case 1\r\nA 64-year-old woman.\r\n\r\nCase 2\rA man.\r\n")
    doc = read_document(path)
    assert "\r" not in doc.text
    assert doc.text == "Case 1\nA 64-year-old woman.\n\nCase 2\nA man.\n"


def test_text_reader_utf16_with_bom_is_text(tmp_path):
    path = _write(tmp_path, "p.txt", CASE.replace("\n", "\r\n").encode("utf-16"))
    doc = read_document(path)
    assert doc.text == CASE


def test_text_reader_keeps_unicode_sizes_and_dashes(tmp_path):
    text = "A 5×150 mm Viabahn – then a 6 µm wire – and a 5-mm balloon.\n"
    doc = read_document(_write(tmp_path, "p.txt", text.encode("utf-8")))
    assert doc.text == text


def test_text_reader_latin1_is_read_with_a_warning(tmp_path):
    text = "Patient 1: 64 ans, femme, sténose fémorale; stent 5×150 mm, 10 µm.\n"
    path = _write(tmp_path, "latin.txt", text.encode("latin-1"))
    doc = read_document(path)
    assert doc.text == text
    assert len(doc.warnings) == 1
    assert "Latin-1" in doc.warnings[0] and "not valid UTF-8" in doc.warnings[0]


def test_text_reader_windows_1252_quotes_and_dashes_are_read_as_such(tmp_path):
    text = "A 64-year-old woman \u2013 \u201cno option\u201d \u2013 got a 5\u00d7150 mm stent.\n"
    doc = read_document(_write(tmp_path, "win.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.warnings and "Windows-1252" in doc.warnings[0]


def test_text_reader_high_bytes_without_ascii_text_are_an_input_error():
    with pytest.raises(InputError, match="invalid UTF-8"):
        decode_text(bytes(range(0xA0, 0x100)) * 4, "noise.txt")


def test_text_reader_invalid_utf8_with_c1_bytes_is_an_input_error(tmp_path):
    data = b"A 64-year-old woman " + bytes(range(0x80, 0xA0)) * 4 + b" presented.\n"
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError, match="invalid UTF-8") as info:
        read_document(path)
    _assert_one_line(info.value)


def test_text_reader_binary_named_txt_is_an_input_error(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    path = _write(tmp_path, "figure.txt", png)
    with pytest.raises(InputError, match="binary") as info:
        read_document(path)
    _assert_one_line(info.value)


def test_text_reader_many_control_bytes_are_binary():
    data = b"text" + b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 3
    with pytest.raises(InputError, match="binary"):
        decode_text(data, "x.txt")


def test_text_reader_empty_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_document(_write(tmp_path, "empty.txt", b""))


def test_text_reader_whitespace_or_bom_only_is_empty(tmp_path):
    with pytest.raises(InputError, match="empty"):
        read_document(_write(tmp_path, "blank.txt", b" \r\n\t\n"))
    with pytest.raises(InputError, match="empty"):
        read_document(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf\n"))


def test_text_reader_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_text_reader_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_text_reader_too_long_file_name_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not a usable path") as info:
        read_document(tmp_path / ("a" * 5000 + ".txt"))
    assert len(str(info.value)) < 200


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_text_reader_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_document(fifo)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_text_reader_unreadable_file_is_an_input_error(tmp_path):
    path = _write(tmp_path, "secret.txt", CASE.encode())
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o600)


def test_text_reader_permission_error_on_open_is_an_input_error(tmp_path, monkeypatch):
    path = _write(tmp_path, "secret.txt", CASE.encode())
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(path):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(InputError, match="permission denied") as info:
        read_raw(path)
    _assert_one_line(info.value)


def test_text_reader_max_bytes_is_a_limit_error(tmp_path):
    path = _write(tmp_path, "big.txt", CASE.encode() * 100)
    with pytest.raises(LimitError, match="--max-bytes 1000"):
        read_document(path, max_bytes=1000)
    assert read_document(path, max_bytes=len(CASE.encode()) * 100).text == CASE * 100


def test_text_reader_errors_are_extract_errors_with_exit_code_2(tmp_path):
    with pytest.raises(ExtractError) as info:
        read_document(tmp_path / "absent.txt")
    assert info.value.exit_code == 2


def test_text_reader_document_offsets_index_the_decoded_text(tmp_path):
    doc = read_text(tmp_path / "p.txt", b"Case 1\r\nA 64-year-old woman\r\n")
    start = doc.text.index("64-year-old")
    evidence = doc.evidence(start, start + len("64-year-old"))
    assert evidence.quote == doc.text[evidence.start : evidence.end] == "64-year-old"
    assert doc.sha256 and len(doc.sha256) == 64


# --- one stray byte in a UTF-8 paper --------------------------------------------------------

UTF8_PAPER = (
    "Case 1. A 64-year-old woman — Rutherford 5 — received a 5×150 mm stent graft; "
    "heparin 5000 IU, 100 µg nitroglycerin, the vena saphena magna preserved "
    "(café au lait spots).\n"
)


def test_text_reader_stray_byte_in_utf8_is_replaced_not_read_as_latin1(tmp_path):
    data = UTF8_PAPER.encode()
    at = data.index(b"Rutherford")
    path = tmp_path / "paper.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    doc = read_document(path)
    assert (
        doc.text
        == UTF8_PAPER[: UTF8_PAPER.index("Rutherford")]
        + "\ufffd"
        + (UTF8_PAPER[UTF8_PAPER.index("Rutherford") :])
    )
    assert "—" in doc.text and "×" in doc.text and "µg" in doc.text and "Ã" not in doc.text
    assert doc.warnings == [
        f"{path}: invalid UTF-8 at byte {at}; replaced with U+FFFD, the rest read as UTF-8"
    ]


def test_text_reader_stray_bytes_after_a_bom_give_their_true_position(tmp_path):
    data = b"\xef\xbb\xbf" + UTF8_PAPER.encode()
    path = tmp_path / "paper.txt"
    path.write_bytes(data[:20] + b"\x80" + data[20:30] + b"\xfe" + data[30:])
    doc = read_document(path)
    assert doc.text.count("\ufffd") == 2 and "×" in doc.text
    assert "invalid UTF-8 at byte 20 and 1 more" in doc.warnings[0]


def test_text_reader_a_real_latin1_paper_is_still_latin1(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_bytes(UTF8_PAPER.replace("—", "-").replace("×", "x").encode("latin-1"))
    doc = read_document(path)
    assert "café" in doc.text and "µg" in doc.text and "Latin-1" in doc.warnings[0]


# --- text length ----------------------------------------------------------------------------


def test_text_reader_text_over_max_chars_is_a_limit_error(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(UTF8_PAPER * 100, encoding="utf-8")
    with pytest.raises(LimitError, match="characters of text is over --max-chars 1000$"):
        read_document(path, max_chars=1000)
    assert len(read_document(path, max_chars=len(UTF8_PAPER) * 100).text) == len(UTF8_PAPER) * 100
