"""Our exceptions: the CLI turns each into a one-line message and exit code 2."""


class ExtractError(Exception):
    """Base of every error dva-extract reports to a user."""

    exit_code = 2


class InputError(ExtractError):
    """The input path cannot be read as a paper (missing, a folder, empty, binary, ...)."""


class PdfError(InputError):
    """A PDF that cannot be read (encrypted, corrupt, no text layer, too large)."""


class LimitError(InputError):
    """An input over a configured limit (--max-bytes, --max-pages)."""


class OutputError(ExtractError):
    """The output cannot be written (missing folder, permissions)."""


class ModelError(ExtractError):
    """A spaCy model named with --model cannot be loaded."""


class GoldError(ExtractError):
    """A gold annotation file that does not validate."""


def one_line(message: object) -> str:
    """A message on one line: line breaks and other control characters (file names) escaped."""
    text = str(message)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)
