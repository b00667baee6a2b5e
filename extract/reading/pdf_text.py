"""Column streams into the document text: paragraphs, hyphenation, tables as tab-separated rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.document import PageTable
from extract.reading.pdf_config import PdfSettings
from extract.reading.pdf_layout import Block, Line, Stream
from extract.reading.pdf_tables import PdfTable

_WORDS = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
_HYPHEN_HEAD = re.compile(r"([A-Za-z][A-Za-z-]*)-$")
_TAIL_WORD = re.compile(r"^([a-z][A-Za-z]*)")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]?$")
# a field label opening a line: "Circuit devices: ...", "Age/sex: ..." (up to five words)
_LABEL = re.compile(r"^[A-Z][\w()/,'-]*(?: [\w()/,'-]+){0,4}: \S")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}\.|\[\d{1,3}\]|[•▪–-])\s")


@dataclass
class Para:
    """A paragraph (lines of text) or a table, with the page it starts on."""

    page: int
    lines: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    hard: list[bool] = field(default_factory=list)  # line k starts after a forced line break
    table: PdfTable | None = None
    open_end: bool = False  # last line runs to the column edge without ending a sentence
    open_start: bool = False  # first line starts at the column edge with a lower-case word
    size: float = 0.0
    stream: int = -1  # which column stream it started in
    end_stream: int = -1  # which column stream it ended in


def paragraphs(streams: list[Stream], cfg: PdfSettings, pitches: dict[int, float]) -> list[Para]:
    """Paragraphs of all streams in order, split by gaps, indents, font changes and captions."""
    out: list[Para] = []
    for sid, stream in enumerate(streams):
        items = stream.items
        prev: Line | None = None
        for k, item in enumerate(items):
            if isinstance(item, Block):
                out.append(Para(stream.page, table=item.payload))  # type: ignore[arg-type]
                prev = None
                continue
            text = item.text
            after = items[k + 1] if k + 1 < len(items) else None
            nxt = after if isinstance(after, Line) else None
            in_item = bool(out) and out[-1].table is None and _LIST_ITEM.match(out[-1].lines[0])
            if prev is None or _breaks(prev, item, nxt, stream, cfg, pitches, in_item):
                para = Para(stream.page, size=item.size, stream=sid)
                para.open_start = _opens(item, stream, text, cfg)
                out.append(para)
            para = out[-1]
            hard = bool(para.lines) and prev is not None and _forced(prev, item, stream)
            if para.lines and not hard and _LABEL.match(text):
                # "Reintervention: none" under "Circuit devices: Viabahn ...": one field a line
                k = max((j for j, h in enumerate(para.hard) if h), default=0)
                hard = bool(_LABEL.match(para.lines[k]))
            para.hard.append(hard)
            para.lines.append(text)
            para.pages.append(stream.page)
            para.open_end = _runs_on(item, stream, text, cfg)
            para.end_stream = sid
            prev = item
    return out


def _forced(a: Line, b: Line, stream: Stream) -> bool:
    """A line break made on purpose: ``b``'s first word would have fitted at the end of ``a``
    (not in type larger than the column's text: a title is broken where it reads well)."""
    if a.text.endswith("-") or not b.segments or a.size > 1.2 * stream.body_size:
        return False
    first = b.segments[0].words[0]
    room = a.right - a.x1 - 0.3 * a.size
    return first.x1 - first.x0 < room - 1.0


def _opens(line: Line, stream: Stream, text: str, cfg: PdfSettings) -> bool:
    """A first line that may continue a paragraph from the previous column: not indented,
    lower case, not a heading, caption or footnote."""
    if line.x0 > stream.left + 0.5 * line.size or line.bold or not re.match(r"[a-z(]", text):
        return False
    starts = (cfg.table_caption, cfg.figure_caption, cfg.table_footnote)
    return not any(p.match(text) for p in starts)


def _short(line: Line, stream: Stream, cfg: PdfSettings, tight: bool = True) -> bool:
    """A line that ends well before the column's right edge; in a justified column, where
    every other line reaches the edge, a line of body text ending a few characters short
    (unless not ``tight``)."""
    width = max(line.right - stream.left, 1.0)
    gap = cfg.layout["short_line"] * width
    if tight and stream.justified and abs(line.size - stream.body_size) < 0.3:
        gap = min(gap, cfg.layout["justified_short"] * line.size)
    return line.x1 < line.right - gap


def _runs_on(line: Line, stream: Stream, text: str, cfg: PdfSettings) -> bool:
    """A last line that runs to (near) the column edge without ending its sentence."""
    if _short(line, stream, cfg, tight=False) or line.bold:
        return False
    return not _SENTENCE_END.search(text)


def _breaks(
    a: Line,
    b: Line,
    c: Line | None,
    stream: Stream,
    cfg: PdfSettings,
    pitches: dict[int, float],
    in_item: bool = False,
) -> bool:
    """Whether line ``b`` (after ``a``, before ``c``) starts a new paragraph in its column.

    ``in_item``: the paragraph so far is a list item (a reference), whose later lines may
    hang indented.
    """
    lay = cfg.layout
    text_b = b.text
    if cfg.table_caption.match(text_b) or cfg.figure_caption.match(text_b):
        # "... are summarized in / Table 1. The mean age ...": a sentence running on from a
        # full line in the same type is not a caption
        return not _runs_into(a, b, stream, cfg, pitches)
    if cfg.table_footnote.match(text_b):
        return True
    if abs(b.size - a.size) > lay["size_change"] * a.size or a.bold != b.bold:
        return True
    usual = pitches.get(round(a.size)) or pitches.get(0, 1.15) * a.size  # 0: pitch per size
    if b.bottom - a.bottom > lay["paragraph_gap"] * usual or b.bottom < a.bottom:
        return True
    short = _short(a, stream, cfg)
    if not short:
        return False
    indent = lay["indent"] * b.size
    if b.x0 > stream.left + indent:  # a first-line indent, unless the next line is indented too
        if in_item:
            return False
        return c is None or c.x0 <= b.x0 - indent or abs(c.size - b.size) > 0.3
    if stream.justified and abs(a.size - stream.body_size) < 0.3:
        # a list of fields ("Age/sex: 61 years/male" / "Medical history: ...") goes on with
        # forced line breaks, as in a ragged column
        return not (_LABEL.match(text_b) and _forced(a, b, stream))
    return bool(cfg.sentence_end.search(a.text)) and text_b[:1].isupper()


def _runs_into(a: Line, b: Line, stream: Stream, cfg: PdfSettings, pitches: dict) -> bool:
    """Whether ``b`` goes on with ``a``'s sentence: ``a`` runs to the column edge without
    ending it, and ``b`` follows at the usual pitch in the same type, not indented."""
    if a.bold or b.bold or abs(b.size - a.size) > 0.1 * a.size or b.x0 > stream.left + 2.0:
        return False
    usual = pitches.get(round(a.size)) or pitches.get(0, 1.15) * a.size
    if not 0 < b.bottom - a.bottom <= 1.15 * usual:
        return False
    return _runs_on(a, stream, a.text, cfg) and not a.text.endswith(":")


def line_pitches(streams: list[Stream]) -> dict[int, float]:
    """The usual distance between consecutive lines, per rounded font size."""
    seen: dict[int, list[float]] = {}
    for stream in streams:
        lines = [i for i in stream.items if isinstance(i, Line)]
        for a, b in zip(lines, lines[1:], strict=False):
            if abs(a.size - b.size) < 0.5 and 0 < b.bottom - a.bottom < 3 * a.size:
                seen.setdefault(round(a.size), []).append(round(b.bottom - a.bottom, 1))
    out: dict[int, float] = {}
    for size, values in seen.items():
        if len(values) >= 3:
            out[size] = max(set(values), key=lambda v: (values.count(v), -v))
    if out:  # key 0: the commonest size's pitch per point (for sizes with few lines, a title)
        common = max(out, key=lambda size: len(seen[size]))
        out[0] = max(1.15, out[common] / max(common, 1))
    return out


def join_columns(paras: list[Para], cfg: PdfSettings | None = None) -> list[Para]:
    """A paragraph cut by a column or page break, mid-sentence, is joined again, also over
    what a journal sets at the top of the next column or page in between (a table, a figure
    caption, a one-line heading or head)."""
    out: list[Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if prev is not None and para.open_start and para.table is None:
            k = len(out) - 1
            while k > 0 and len(out) - 1 - k < 3 and _aside(out[k], cfg):
                k -= 1
            if k < len(out) - 1 and out[k].open_end and out[k].table is None:
                prev = out[k]
        if (
            prev is not None
            and prev.table is None
            and para.table is None
            and prev.open_end
            and para.open_start
            and para.stream > prev.end_stream
            and abs(prev.size - para.size) < 0.5
        ):
            prev.lines.extend(para.lines)
            prev.pages.extend(para.pages)
            prev.hard.extend(para.hard)
            prev.open_end = para.open_end
            prev.end_stream = para.end_stream
            continue
        if _fields_go_on(prev, para):  # a list of fields cut by a column or page break
            prev.lines.extend(para.lines)
            prev.pages.extend(para.pages)
            prev.hard.extend([True, *para.hard[1:]])
            prev.open_end = para.open_end
            prev.end_stream = para.end_stream
            continue
        out.append(para)
    return _merge_continued_tables(out)


def _aside(para: Para, cfg: PdfSettings | None) -> bool:
    """A table, a figure or table caption, or a lone line that ends no open sentence: what
    may stand between the two parts of a paragraph cut by a column or page break."""
    if para.table is not None:
        return True
    if len(para.lines) == 1 and not para.open_end:
        return True
    first = para.lines[0]
    return cfg is not None and bool(
        cfg.figure_caption.match(first) or cfg.table_caption.match(first)
    )


def _fields_go_on(prev: Para | None, para: Para) -> bool:
    """Whether ``para`` (at the top of the next column) goes on with ``prev``'s list of
    fields: it has two or more one-line or two-line "Label: value" lines, and ``para`` opens
    with another, in the same type."""
    if prev is None or prev.table is not None or para.table is not None:
        return False
    if para.stream <= prev.end_stream or abs(prev.size - para.size) >= 0.5:
        return False
    starts = [0, *(j for j, h in enumerate(prev.hard) if h)]
    fields = [j for j in starts if _LABEL.match(prev.lines[j])]
    if len(fields) < 2 or fields[-1] != starts[-1] or len(prev.lines) - starts[-1] > 2:
        return False  # not a list of short fields (prose paragraphs opening "Methods: ...")
    return bool(_LABEL.match(para.lines[0]))


def _merge_continued_tables(paras: list[Para]) -> list[Para]:
    """A table continued in the next column or page (same header row) becomes one table."""
    out: list[Para] = []
    for para in paras:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.table is not None
            and para.table is not None
            and prev.table.rows
            and para.table.rows
            and prev.table.rows[0] == para.table.rows[0]
        ):
            prev.table.rows.extend(para.table.rows[1:])
            continue
        out.append(para)
    return out


def vocabulary(paras: list[Para]) -> set[str]:
    """Lower-cased words of the document, for telling hyphenation from compounds; the two
    pieces of a word broken at a line end are left out (they are what is being decided)."""
    vocab: set[str] = set()
    for para in paras:
        lines = para.lines if para.table is None else ["\t".join(r) for r in para.table.rows]
        cut_head = False
        for line in lines:
            if cut_head:  # the rest of a word broken at the end of the line above
                line = _TAIL_WORD.sub("", line, count=1)
            cut_head = line.endswith("-")
            if cut_head:
                line = _HYPHEN_HEAD.sub("", line)
            vocab.update(m.group().lower() for m in _WORDS.finditer(line))
    return vocab


def join_lines(a: str, b: str, vocab: set[str], cfg: PdfSettings) -> str:
    """Two lines of a paragraph joined; a hyphen at the end is dropped unless a compound."""
    end = a[-1:]
    if end not in "-/\u2013" or len(a) < 2 or a[-2].isspace():
        return f"{a} {b}"
    if end != "-":
        return a + b
    head = _HYPHEN_HEAD.search(a)
    tail = _TAIL_WORD.match(b)
    if head and tail:
        left = head.group(1).split("-")[-1]
        right = tail.group(1)
        hyphenated = f"{left}-{right}".lower()
        joined = f"{left}{right}".lower()
        keep = (
            (hyphenated in vocab and joined not in vocab)
            or (joined not in vocab and left.lower() in cfg.keep_hyphen_after)
            or (joined not in vocab and "-" in head.group(1))
            or (joined not in vocab and not left[-1:].islower())
            or (
                joined not in vocab
                and len(left) > 2
                and left.lower() in vocab
                and right.lower() in vocab
            )
        )
        return a + b if keep else a[:-1] + b
    return f"{a} {b}"


def table_text(table: PdfTable) -> str:
    """A table as lines of tab-separated cells."""
    return "\n".join("\t".join(cell.replace("\n", " ") for cell in row) for row in table.rows)


def assemble(
    paras: list[Para], n_pages: int, cfg: PdfSettings
) -> tuple[str, list[int], list[PageTable]]:
    """The document text, the offset where each page starts, and the tables with offsets."""
    vocab = vocabulary(paras)
    pieces: list[str] = []
    offset = 0
    first_at: dict[int, int] = {}
    tables: list[PageTable] = []
    for para in paras:
        if pieces:
            pieces.append("\n\n")
            offset += 2
        if para.table is not None:
            text = table_text(para.table)
            first_at.setdefault(para.page, offset)
            t = para.table
            tables.append(
                PageTable(
                    page=t.page,
                    bbox=(t.x0, t.top, t.x1, t.bottom),
                    rows=t.rows,
                    ruled=t.ruled,
                    start=offset,
                    end=offset + len(text),
                )
            )
            pieces.append(text)
            offset += len(text)
            continue
        text = ""
        for line, page, hard in zip(para.lines, para.pages, para.hard, strict=True):
            if not text:
                first_at.setdefault(page, offset)
                text = line
                continue
            joined = f"{text}\n{line}" if hard else join_lines(text, line, vocab, cfg)
            if page not in first_at:
                first_at[page] = offset + len(joined) - len(line)
            text = joined
        pieces.append(text)
        offset += len(text)
    starts: list[int] = []
    nxt = offset
    for page in range(n_pages, 0, -1):
        nxt = min(first_at.get(page, nxt), nxt)
        starts.append(nxt)
    starts.reverse()
    starts[0] = 0
    return "".join(pieces), starts, tables
