"""Text reader: UTF-8 (BOM or not), UTF-16 with a BOM, or Latin-1/Windows-1252 with a warning."""

from __future__ import annotations

import codecs
import os
import re

from extract.document import Document, sha256_of
from extract.errors import InputError

_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, mean this is not a text file."""
    if b"\x00" in data[:65536]:
        return True
    sample = data[:65536]
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(8, len(sample) // 100)


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 or UTF-16 (BOM stripped) or, failing that, plausible Latin-1 text."""
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: invalid UTF-16 at byte {exc.start}") from None
        if _looks_binary(text.encode("utf-8", "replace")):
            raise InputError(f"{name}: not a text file (binary content)")
        return _newlines(text), warnings
    if _looks_binary(data):
        raise InputError(f"{name}: not a text file (binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        at = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        mostly = _mostly_utf8(data)
        if mostly is not None:
            text, n_bad = mostly
            more = f" and {n_bad - 1} more" if n_bad > 1 else ""
            warnings.append(
                f"{name}: invalid UTF-8 at byte {at}{more}; "
                "replaced with U+FFFD, the rest read as UTF-8"
            )
            return _newlines(text), warnings
        single = _single_byte_text(data)
        if single is None:
            raise InputError(
                f"{name}: invalid UTF-8 at byte {at} and not Latin-1 text either"
            ) from None
        text, codec = single
        warnings.append(f"{name}: not valid UTF-8 (byte {at}); read as {codec}")
    return _newlines(text), warnings


_STRAY = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few stray bytes: (text with U+FFFD for each, number of stray bytes).

    A file is UTF-8 with strays when its valid non-ASCII characters are at least as many as its
    invalid bytes; a Latin-1 file has (almost) no valid UTF-8 sequences and gives None. Reading
    a UTF-8 paper as Latin-1 would garble every accented letter, sign and dash in it.
    """
    text = data.decode("utf-8-sig", "surrogateescape")
    n_bad = len(_STRAY.findall(text))
    n_good = sum(1 for c in text if ord(c) > 127) - n_bad
    if n_good < max(1, n_bad):
        return None
    return _STRAY.sub("\ufffd", text), n_bad


def _single_byte_text(data: bytes) -> tuple[str, str] | None:
    """Mostly-ASCII bytes as Windows-1252 (Latin-1 plus curly quotes and dashes) or Latin-1."""
    plain = sum(1 for b in data if 32 <= b < 127 or b in (9, 10, 12, 13))
    if plain < 0.7 * len(data):
        return None
    try:
        return data.decode("cp1252"), "Latin-1 (Windows-1252)"
    except UnicodeDecodeError:
        pass
    c1 = sum(1 for b in data if 0x80 <= b <= 0x9F)
    if c1 > max(2, len(data) // 200):
        return None
    return data.decode("latin-1"), "Latin-1"


def _newlines(text: str) -> str:
    """Windows (CRLF) and old Mac (CR) line ends as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | os.PathLike, data: bytes) -> Document:
    """A text paper as a :class:`Document`."""
    name = os.fspath(path)
    text, warnings = decode_text(data, name)
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    return Document(text=text, path=name, sha256=sha256_of(data), format="text", warnings=warnings)
