"""Word-level repairs before layout: manuscript line numbers out, letter-spaced words rejoined."""

from __future__ import annotations

import re

from extract.reading.pdf_chars import Word

_NUMBER = re.compile(r"\d{1,4}")


def drop_line_numbers(words: list[Word], tables: list[tuple] = (), min_run: int = 8) -> list[Word]:
    """Words without the page's manuscript line numbers.

    Line numbers are bare numbers stacked in one margin, aligned on one edge, counting up
    down the page mostly by one (continuous or restarting on each page), and lying outside
    all other text of the page (left of it, or right of it). Numbers inside a ruled table's
    box (``tables``: x0, top, x1, bottom) are cells, never line numbers.
    """
    numbers = [
        w for w in words
        if w.text.isdigit() and len(w.text) <= 4 and _NUMBER.fullmatch(w.text)
        and not any(x0 <= w.xc <= x1 and top <= w.yc <= bottom for x0, top, x1, bottom in tables)
    ]  # fmt: skip
    if len(numbers) < min_run:
        return words
    drop: set[int] = set()
    for edge in ("x1", "x0"):
        for run in _aligned(numbers, edge):
            if len(run) < min_run or not _counts_up(run):
                continue
            ids = {id(w) for w in run}
            others = [w for w in words if id(w) not in ids]
            if not others:
                continue
            lefts = sorted(w.x0 for w in others)
            rights = sorted((w.x1 for w in others), reverse=True)
            k = min(len(others) - 1, len(others) // 50)  # a stray word or two may stick out
            if max(w.x1 for w in run) < lefts[k] - 1 or min(w.x0 for w in run) > rights[k] + 1:
                drop |= ids
    return [w for w in words if id(w) not in drop] if drop else words


def _aligned(numbers: list[Word], edge: str, tol: float = 2.0) -> list[list[Word]]:
    """Numbers grouped by a shared left (``x0``) or right (``x1``) edge."""
    runs: list[list[Word]] = []
    for w in sorted(numbers, key=lambda w: getattr(w, edge)):
        if runs and getattr(w, edge) - getattr(runs[-1][0], edge) <= tol:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _counts_up(run: list[Word]) -> bool:
    """Values increasing down the page, mostly in steps of one."""
    values = [int(w.text) for w in sorted(run, key=lambda w: w.top)]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    ones = sum(1 for s in steps if s == 1)
    return all(s > 0 for s in steps) and ones >= 0.7 * len(steps)


def unspace(words: list[Word]) -> list[Word]:
    """A letter-spaced line ("R E S EAR CH  A R TIC L E", "2 | C A S E  R E P O R T") with
    the letters of each run of letter words joined into words.

    Applies to a run where most words are single letters; the gaps between letters are the
    narrow ones, and a gap clearly wider than them separates two words.
    """
    if len(words) < 2 or not any(len(w.text) == 1 and w.text.isalpha() for w in words):
        return words
    out: list[Word] = []
    run: list[Word] = []
    for w in [*words, None]:
        if w is not None and w.text.isalpha():
            run.append(w)
            continue
        out.extend(_unspace_run(run) if len(run) >= 2 else run)
        run = []
        if w is not None:
            out.append(w)
    return out


def _unspace_run(words: list[Word]) -> list[Word]:
    """One run of alphabetic words, letter-spaced or not."""
    singles = sum(1 for w in words if len(w.text) == 1 and w.text.isalpha())
    capitals = all(w.text.isalpha() and w.text.isupper() and len(w.text) <= 3 for w in words)
    spaced = len(words) >= 4 and singles >= 3 and singles >= 0.5 * len(words)
    if not spaced and not (capitals and singles and len(words) >= 2):  # "R EVI EW"
        return words
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:], strict=False)]
    narrow = sorted(gaps)[len(gaps) // 2]
    wide = max(gaps)
    size = max(w.bottom - w.top for w in words)
    if narrow > (0.45 if spaced else 0.2) * size:  # spaced like words or cells, not letters
        return words
    split = (narrow + wide) / 2 if wide >= 1.35 * narrow + 0.5 else float("inf")
    out = [Word(words[0].text, words[0].x0, words[0].top, words[0].x1, words[0].bottom,
                words[0].bold)]  # fmt: skip
    for gap, w in zip(gaps, words[1:], strict=True):
        if gap >= split:
            out.append(Word(w.text, w.x0, w.top, w.x1, w.bottom, w.bold))
            continue
        last = out[-1]
        last.text += w.text
        last.x1 = w.x1
        last.top, last.bottom = min(last.top, w.top), max(last.bottom, w.bottom)
    return out
