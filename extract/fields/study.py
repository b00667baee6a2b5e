"""Study facts: title, authors, journal, year, DOI, design, indication, n and pooled summaries."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.measures import parse_number, to_days
from extract.sections import Section
from extract.vocab import load

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_CITATION = re.compile(
    r"^\s*(?P<journal>[A-Z][A-Za-z.&'() -]{2,80}?)\.?\s+(?P<year>(?:19|20)\d\d)\s*[;:,]"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_DEGREE = re.compile(
    r"^(?:MD|PhD|MBBS|MB|BS|ChB|FRCS|FRCR|FACS|FSIR|FAHA|FSVM|RPVI|MPH|DO|MSc|MS|"
    r"FRACS|FRCSC|MBChB|BSc|MA|DPhil|FEBVS|Vasc|MCh|DNB|MRCS|MSc|Dr|Prof)$"
)
_NUM = r"(?P<n>\d+|[A-Za-z]+(?:-[a-z]+)?)"
_SEX_COUNTS = re.compile(
    rf"{_NUM}\s+(?:patients\s+)?(?:\([^)]{{0,12}}\)\s+)?(?:were\s+)?"
    r"(?P<sa>women|woman|females?|men|man|males?)\b(?:\s*(?:,|and|/|;)\s*"
    r"(?P<m>\d+|[A-Za-z]+(?:-[a-z]+)?)\s+(?P<sb>women|woman|females?|men|man|males?)\b)?",
    re.IGNORECASE,
)
_MEAN_AGE = re.compile(r"\bmean age\b[^0-9]{0,12}?(?P<v>\d{2}(?:\.\d+)?)", re.IGNORECASE)
_MEDIAN_FU = re.compile(
    r"\bmedian (?:clinical )?(?:follow-?up|observation period|observation)\b[^0-9]{0,20}?"
    r"(?P<v>\d+(?:\.\d+)?)\s*"
    r"(?P<u>days?|weeks?|months?|years?)",
    re.IGNORECASE,
)
_N_PATIENTS = re.compile(rf"\b{_NUM}\s+(?:consecutive\s+)?patients\b", re.IGNORECASE)


def _front(doc: Doc) -> list[Section]:
    """Sections before the introduction (title block, abstract, keywords)."""
    front = []
    for section in doc._.layout.sections:
        if section.kind in ("introduction", "methods", "case", "results", "discussion"):
            break
        front.append(section)
    return front


def _text_of(doc: Doc, sections: list[Section]) -> list[tuple[int, str]]:
    return [(b.start, b.text) for s in sections for b in s.blocks]


def _is_title(block) -> bool:
    """A title block: one line (or an underlined one), not a citation, DOI or label."""
    lines = block.text.strip().splitlines()
    first = lines[0] if lines else ""
    if len(lines) > 2 or len(lines) == 2 and not set(lines[1].strip()) <= set("=-"):
        return False
    return not (
        _DOI.search(first) or _CITATION.match(first) or first.lower().startswith("abstract")
    )


def _title_authors(doc: Doc, out: FieldValues) -> None:
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


def _citation_match(line: str) -> tuple[re.Match, int] | None:
    """ "J Vasc Surg. 2021;74:..." at the line start, or after a sentence ("To cite: ... HJ. "):
    the match and where in the line its text starts."""
    match = _CITATION.match(line)
    if match:
        return match, 0
    if not (_DOI.search(line) or "cite" in line.lower()):
        return None
    for stop in re.finditer(r"\.\s+", line):
        match = _CITATION.match(line[stop.end() :])
        if match:
            return match, stop.end()
    return None


_REFERENCE_LINE = re.compile(r"^\s*(?:\[?\d{1,3}[.\])]\s+[A-Z]|.*\bet al\b)")


def _own_doi(doc: Doc, front: list[tuple[int, str]]) -> tuple[int, str] | None:
    """The paper's DOI: the first in its front matter, else one outside the reference list
    (on a "Cite this article" or "DOI:" line); never a cited paper's."""
    places = [*front]
    places += [
        (b.start, b.text)
        for b in doc._.layout.blocks
        if doc._.layout.section_of(b).kind not in ("references",) and (b.start, b.text) not in front
    ]
    for start, text in places:
        offset = start
        for line in text.splitlines(keepends=True):
            match = _DOI.search(line)
            if match and not _REFERENCE_LINE.match(line) and not re.search(r"\bRe:", line):
                return offset + match.start(1), match.group(1).rstrip(".,;)")
            offset += len(line)
    return None


def _citation(doc: Doc, out: FieldValues) -> None:
    paper = doc._.paper
    front = _front(doc)
    pieces = _text_of(doc, front)
    found = _own_doi(doc, pieces)
    if found is not None:
        start, doi = found
        out.put("doi", doi, [paper.evidence(start, start + len(doi), "front")])
    for start, text in pieces:
        offset = start
        for line in text.splitlines(keepends=True):
            found = _citation_match(line)
            if found and "journal" not in out.values:
                match, base = found
                offset += base
                j = match.group("journal").strip()
                out.put(
                    "journal",
                    j,
                    [
                        paper.evidence(
                            offset + match.start("journal"),
                            offset + match.start("journal") + len(j),
                            "front",
                        )
                    ],
                )
                out.put(
                    "year",
                    int(match.group("year")),
                    [
                        paper.evidence(
                            offset + match.start("year"), offset + match.end("year"), "front"
                        )
                    ],
                )
                offset -= base
            offset += len(line)
    if "year" not in out.values:
        _year_from_issue_lines(pieces, paper, out)


_ISSUE_LINE = re.compile(
    r"\b(?:vol\.?|volume|issue|pages|pp\.|doi|published|accepted|received)\b", re.I
)


def _year_from_issue_lines(pieces: list[tuple[int, str]], paper, out: FieldValues) -> None:
    """The year of a front-matter line that names a volume, issue, pages, DOI or publication."""
    for start, text in pieces:
        offset = start
        for line in text.splitlines(keepends=True):
            match = _YEAR.search(line) if _ISSUE_LINE.search(line) else None
            if match:
                ev = paper.evidence(offset + match.start(), offset + match.end(), "front")
                out.put("year", int(match.group(1)), [ev])
                return
            offset += len(line)


def _title_block(doc: Doc):
    """The title block (after any article-type label), or None."""
    return next((b for b in doc._.layout.blocks if b.kind == "title"), None)


def _indication(doc: Doc, out: FieldValues) -> None:
    """From the title; else the indication the paper's own sections name most often."""
    paper = doc._.paper
    title = _title_block(doc)
    if title is not None:
        named = {}
        for key, concept in load("indications").concepts.items():
            for term in concept.terms + concept.abbrevs:
                flags = re.IGNORECASE if len(term) > 4 else 0
                match = re.search(rf"\b{re.escape(term)}\b", title.text, flags)
                if match and key not in named:
                    start = title.start + match.start()
                    named[key] = paper.evidence(start, start + len(term), "title")
        both = re.search(r"\bchronic\b", title.text, re.I) and re.search(
            r"(?<!-)\bacute\b(?!-)", title.text, re.I
        )
        if len(named) == 1 and not both:
            key, evidence = next(iter(named.items()))
            out.put("indication", key, [evidence])
            out.values["indication_from_title"] = True
            return
    if _indication_by_numbers(doc, out):
        return
    for kinds in (("abstract", "methods", "results", "case", "body"), None):
        counts: dict[str, list] = {}
        for unit in doc._.units:
            if kinds is not None and unit.section_kind not in kinds:
                continue
            if unit.section_kind in ("references", "back"):
                continue
            for span in unit.spans("vocab", "indications"):
                counts.setdefault(span.kb_id_, []).append(unit.span_evidence(paper, span))
        if counts:
            key = max(counts, key=lambda k: (len(counts[k]), -counts[k][0].start))
            out.put("indication", key, counts[key][:3])
            return


_COUNTED = re.compile(r"^\s*(?:in|:|\(n\s*=|,\s*n\s*=)\s*(\d+)")


def _indication_by_numbers(doc: Doc, out: FieldValues) -> bool:
    """ "The indication was CLTI in 41 patients and ALI in 6": the larger group names it."""
    paper = doc._.paper
    counted: dict[str, tuple[int, object]] = {}
    for unit in doc._.units:
        if unit.source != "text" or unit.section_kind not in ("abstract", "methods", "results"):
            continue
        for span in unit.spans("vocab", "indications"):
            end = unit.rel(span.end_char)
            match = _COUNTED.match(unit.text[end : end + 12])
            if match and int(match.group(1)) > counted.get(span.kb_id_, (0, None))[0]:
                counted[span.kb_id_] = (int(match.group(1)), unit.span_evidence(paper, span))
    if len(counted) < 2:
        return False
    key = max(counted, key=lambda k: counted[k][0])
    out.put("indication", key, [counted[key][1]])
    return True


_TREATED = re.compile(
    r"\b(?:underwent|were treated|received|had (?:a )?(?:p?DVA|arteriali[sz]ation)|were included)\b"
)


def _treated(text: str, match: re.Match) -> bool:
    """Whether a patient count is followed by its treatment in the same clause, before any
    other count ("Of 41 patients screened, 27 patients underwent pDVA": only the 27)."""
    window = re.split(r"[.;]", text[match.end() : match.end() + 80])[0]
    following = _N_PATIENTS.search(window)
    return bool(_TREATED.search(window[: following.start()] if following else window))


def _reported(doc: Doc, out: FieldValues) -> None:
    paper = doc._.paper
    units = [
        u
        for u in doc._.units
        if u.source == "text" and u.section_kind in ("abstract", "results", "methods", "body")
    ]
    rep: dict = {}
    counts: list[tuple] = []
    for unit in units:
        text = unit.text
        if "mean_age_years" not in rep and (m := _MEAN_AGE.search(text)):
            rep["mean_age_years"] = (float(m.group("v")), unit.evidence(paper, *m.span()))
        if "median_follow_up_days" not in rep and (m := _MEDIAN_FU.search(text)):
            rep["median_follow_up_days"] = (
                to_days(float(m.group("v")), m.group("u")),
                unit.evidence(paper, *m.span()),
            )
        for m in _SEX_COUNTS.finditer(text):
            for num, word in ((m.group("n"), m.group("sa")), (m.group("m"), m.group("sb"))):
                value = parse_number(num) if num else None
                key = "n_female" if word and word.lower().startswith(("wom", "fem")) else "n_male"
                if value is not None and key not in rep:
                    rep[key] = (int(value), unit.evidence(paper, *m.span()))
        for m in _N_PATIENTS.finditer(text):
            value = parse_number(m.group("n")) or 0
            if value >= 2:
                counts.append((_treated(text, m), value, unit.evidence(paper, *m.span()), unit))
    if counts:  # the first count said to be treated; else the largest of the first paragraph
        treated = [c for c in counts if c[0]]
        first = [c for c in counts if c[3] is counts[0][3]]
        _, value, ev, _ = treated[0] if treated else max(first, key=lambda c: c[1])
        rep["n_reported"] = (int(value), ev)
    for key, (value, ev) in rep.items():
        out.put(f"reported.{key}", value, [ev])


def extract_study(doc: Doc, n_patients: int) -> FieldValues:
    """Study-level values; ``reported.*`` keys carry pooled summaries."""
    out = FieldValues()
    _title_authors(doc, out)
    _citation(doc, out)
    _indication(doc, out)
    if n_patients != 1:
        _reported(doc, out)
    return out
