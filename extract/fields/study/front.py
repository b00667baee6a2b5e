"""Front matter: the title and the author line."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.fields.study.citation import CITATION, DOI

_DEGREE = re.compile(
    r"^(?:MD|PhD|MBBS|MB|BS|ChB|FRCS|FRCR|FACS|FSIR|FAHA|FSVM|RPVI|MPH|DO|MSc|MS|"
    r"FRACS|FRCSC|MBChB|BSc|MA|DPhil|FEBVS|Vasc|MCh|DNB|MRCS|MSc|Dr|Prof)$"
)


def _is_title(block) -> bool:
    """A title block: one line (or an underlined one), not a citation, DOI or label."""
    lines = block.text.strip().splitlines()
    first = lines[0] if lines else ""
    if len(lines) > 2 or len(lines) == 2 and not set(lines[1].strip()) <= set("=-"):
        return False
    return not (DOI.search(first) or CITATION.match(first) or first.lower().startswith("abstract"))


def title_authors(doc: Doc, out: FieldValues) -> None:
    paper = doc._.paper
    blocks = [b for b in doc._.layout.blocks if b.text.strip() and b.kind != "article_type"]
    start = next((i for i, b in enumerate(blocks[:8]) if _is_title(b)), None)
    if start is None:
        return
    title = blocks[start]
    clean = title.text.strip().splitlines()[0].lstrip("#").strip().strip("*").strip()
    offset = title.start + title.text.index(clean)
    out.put("title", clean, [paper.evidence(offset, offset + len(clean), "title")])
    for block in blocks[start + 1 : start + 4]:
        names = _authors(block.text.strip().splitlines()[0])
        if names:
            out.put("authors", names, [paper.evidence(block.start, block.end, "front")])
            return


def _is_degree(token: str) -> bool:
    """ "MD", "FRCS", "MCh", "(Vasc)": a degree or title after a name, not part of it."""
    bare = token.strip("(),.*")
    return bool(_DEGREE.match(bare)) or (len(bare) >= 2 and bare.isalpha() and bare.isupper())


def _authors(line: str) -> list[str]:
    """Names of an author line ("A. B. Smith, MD; C. Jones, PhD and D. Lee1")."""
    if len(line) > 400 or "\n" in line or "@" in line:
        return []
    parts = [p.strip() for p in re.split(r";|,|\band\b|&|\|", line) if p.strip()]
    names = []
    for part in parts:
        if re.match(r"(?:on behalf of|for the)\b", part, re.IGNORECASE):
            continue
        part = re.sub(r"(?:\(\w{1,2}\)|\d+|\*|†)+(?=\s|$)", "", part)
        part = re.sub(r"^\s*\d+\s*", "", part)
        tokens = [t for t in part.split() if not _is_degree(t)]
        if not tokens:
            continue
        if not 2 <= len(tokens) <= 5 or not all(t[0].isupper() for t in tokens):
            return []
        if not any(len(t.strip(".")) > 1 and t[1:].islower() for t in tokens):
            return []
        names.append(" ".join(tokens))
    return names if len(names) >= 1 and len(parts) >= 2 and len(names) <= 40 else []
