"""Front matter: the title and the author line, as journals, indexes and web pages print them.

The front is read line by line. Lines that are not the title are passed over by what they are:
site furniture, dates and events ("LINC 2023"), article-type banners, journal and citation lines,
section labels ("Abstract", "Background:"). The first remaining line that reads like a title is
the title; the author line follows it ("A. Smith, MD; B. Jones", "By ...", "Autores: ...",
PubMed's "Lengua F, Nuss J M", one name a line with degrees). A RIS record (``TY  - JOUR``) gives
both by its tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues
from extract.fields.study.citation import CITATION, DOI
from extract.sections import SectionKind as K
from extract.sections.segment import is_article_type, is_furniture

CUES = CueTable(Path(__file__).parent / "cues.toml")
_DEGREE = re.compile(
    r"^(?:MD|PhD|MBBS|MB|BS|ChB|FRCS|FRCR|FACS|FSIR|FAHA|FSVM|RPVI|MPH|DO|MSc|MS|DPM|RN|BSN|BA|"
    r"FRACS|FRCSC|MBChB|BSc|MA|DPhil|FEBVS|Vasc|MCh|DNB|MRCS|MSc|Dr|Prof|FACFAS|FACC|FSCAI|"
    r"BCh|BAO|BMedSci|MBBCh|FRCSEd|FRCSI|FRCP|FRCPI|MRCP|MRCPI|MChir|PGDip|PGCert|Hons|Podiatry|"
    r"RGN|NP|Assoc|Gen|Surg|PA-C|MPhil|DrMed|Dott|Dra|Lic)$"
)
_RIS = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])\s{1,2}-\s(?P<value>.*)$")
_NOT_FRONT = (K.REFERENCES,)
MAX_LINES = 40


@dataclass
class Line:
    """One line of the front matter with its offset in the paper."""

    start: int
    text: str


def front_lines(doc: Doc) -> list[Line]:
    """The first lines of the paper's front blocks (furniture left out), with offsets."""
    layout = doc._.layout
    lines: list[Line] = []
    neighbour = False  # the line after "Next Article in Journal" names another paper
    for block in layout.blocks:
        if layout.section_of(block).kind in _NOT_FRONT or block.kind == "furniture":
            continue
        pos = block.start
        for raw in block.text.splitlines(keepends=True):
            text = raw.strip()
            if text and not is_furniture(text) and not neighbour:
                lines.append(Line(pos + raw.index(text), text))
            neighbour = (
                bool(text)
                and bool(CUES.regex("front", "neighbour").search(text))
                or (neighbour and not text)
            )
            pos += len(raw)
        if len(lines) >= MAX_LINES:
            break
    return lines[:MAX_LINES]


def _ris(lines: list[Line]) -> dict[str, list[Line]]:
    """A RIS record's tags (``T1``, ``AU``, ``PY`` ...) with their values' lines."""
    tags: dict[str, list[Line]] = {}
    for line in lines:
        match = _RIS.match(line.text)
        if match:
            value = match.group("value").strip()
            offset = line.start + match.start("value")
            tags.setdefault(match.group("tag"), []).append(Line(offset, value))
    return tags if "TY" in tags else {}


def _not_title(text: str) -> bool:
    """A front line that is something else: a date, an event, a banner, a label, a citation."""
    if CUES.regex("front", "not_title").search(text) or is_article_type(text):
        return True
    if CUES.regex("front", "author_label").match(text):
        return True
    if DOI.search(text) or CITATION.match(text) or _RIS.match(text):
        return True
    if not re.search(r"[a-z]{3}|[\u3040-\u9fff]{4}", text):  # "3342", "X", "2009 年 18 巻"
        return True
    return bool(
        re.fullmatch(r"[\w .,'’&-]{2,60}", text)
        and CUES.regex("front", "journal_line").search(text)
    )


def _before_issue_line(lines: list[Line], i: int) -> bool:
    """A line just above "Volume 2010, Article ID 157939" names the journal, not the paper."""
    return i + 1 < len(lines) and bool(CUES.regex("front", "issue_line").search(lines[i + 1].text))


_CJK_RUN = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{8,}")


def _looks_like_title(text: str) -> bool:
    """A heading-like line: 2-40 words, not several sentences, not a name list."""
    words = text.split()
    if _CJK_RUN.search(text) and len(words) <= 3:
        return True  # Japanese and Chinese titles are written without spaces
    if not 2 <= len(words) <= 40 or len(text) > 300:
        return False
    if re.search(r"[a-z]{2}\. [A-Z]", text) or text.endswith((",", ";")):
        return False
    return not _authors(text)


def _clean(text: str) -> str:
    return text.lstrip("#").strip().strip("*").strip()


def title_authors(doc: Doc, out: FieldValues) -> None:
    """Fill ``title`` and ``authors`` from the front matter."""
    paper = doc._.paper
    lines = front_lines(doc)
    tags = _ris(lines)
    if tags:
        _from_ris(paper, tags, out)
        return
    index = next(
        (
            i
            for i, line in enumerate(lines)
            if not _not_title(line.text)
            and _looks_like_title(line.text)
            and not _before_issue_line(lines, i)
        ),
        None,
    )
    if index is not None and (headline := _headline_above_byline(lines, index)) is not None:
        index = headline
    if index is not None:
        title = lines[index]
        clean = _clean(re.sub(r"^E\d{3,5}\.\s+", "", title.text))
        offset = title.start + title.text.index(clean)
        end = offset + len(clean)
        if _subtitle_follows(clean, lines[index + 1 : index + 2]):
            clean, end = f"{clean} {lines[index + 1].text}", lines[index + 1].start
            end += len(lines[index + 1].text)
            index += 1
        out.put("title", clean, [paper.evidence(offset, end, "title")])
    after = lines[index + 1 :] if index is not None else lines
    if not _author_lines(paper, after[:30], out) and index:
        _author_lines(paper, lines[:index], out)


def _subtitle_follows(title: str, following: list[Line]) -> bool:
    """A title broken after its colon: the next line, in lower case, is its subtitle
    ("Revascularização distal dos membros inferiores:" / "experiência de 13 anos")."""
    if not title.endswith(":") or not following:
        return False
    text = following[0].text
    return text[:1].islower() and len(text.split()) <= 15 and not _not_title(text)


def _headline_above_byline(lines: list[Line], index: int) -> int | None:
    """The index of a news headline: the title-like line just above a byline, when the title
    found at ``index`` is a short masthead ("The News-Times") further up; a line above the
    byline that ends as a sentence is the standfirst under the title, not a headline."""
    if len(lines[index].text.split()) > int(CUES.data["front"]["masthead_words"][0]):
        return None
    label = CUES.regex("front", "author_label")
    for i in range(index + 2, min(len(lines), index + 6)):
        if label.match(lines[i].text):
            above = lines[i - 1].text
            if (
                not _not_title(above)
                and _looks_like_title(above)
                and len(above.split()) > 4
                and not above.endswith(".")
            ):
                return i - 1
            return None
    return None


def _from_ris(paper, tags: dict[str, list[Line]], out: FieldValues) -> None:
    for tag in ("T1", "TI"):
        if tag in tags:
            line = tags[tag][0]
            out.put("title", line.text, [paper.evidence(line.start, line.start + len(line.text))])
            break
    authors = tags.get("AU", []) + tags.get("A1", [])
    if authors:
        names = [a.text for a in authors]
        out.put(
            "authors", names, [paper.evidence(a.start, a.start + len(a.text)) for a in authors[:3]]
        )


def _author_lines(paper, lines: list[Line], out: FieldValues) -> bool:
    """The first author line among ``lines``; else names given one a line. True if found."""
    label = CUES.regex("front", "author_label")
    for k, line in enumerate(lines[:6]):
        text = label.sub("", line.text, count=1)
        labelled = text != line.text
        names = _authors(text) or (_surname_first(text) or _one_labelled(text) if labelled else [])
        if len(names) >= 2 or names and labelled:
            end = line.start + len(line.text)
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            if text.rstrip().endswith(",") and nxt is not None and (more := _authors(nxt.text)):
                names, end = [*names, *more], nxt.start + len(nxt.text)  # the list goes on
            out.put("authors", names, [paper.evidence(line.start, end, "front")])
            return True
    names, used = [], []
    for line in lines:
        single = _one_name(line.text)
        if single and single in names:
            continue
        if single:
            names.append(single)
            used.append(line)
        elif names and not _between_names(line.text):
            break
    if len(names) >= 1 and (len(names) >= 2 or _DEGREE_TAIL.search(used[0].text)):
        ev = [paper.evidence(u.start, u.start + len(u.text), "front") for u in used[:3]]
        out.put("authors", names, ev)
        return True
    return False


def _one_labelled(text: str) -> list[str]:
    """A byline's one name, before its role ("Vincent Gabrielle STAFF WRITER", "Ann Lee,
    Founder of ...")."""
    name = _name(text.split(",")[0])
    return [name] if name else []


def _surname_first(text: str) -> list[str]:
    """ "Saab, Fadi A., Mustapha, Jihad A." (a labelled list, surname first): paired names."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 2 or len(parts) % 2:
        return []
    pairs = list(zip(parts[::2], parts[1::2], strict=True))
    if not all(re.fullmatch(r"[A-Z][\w’'-]+", a) and _name(f"{b} {a}") for a, b in pairs):
        return []
    return [f"{a}, {b}" for a, b in pairs]


_NAME_WORD = re.compile(r"(?:[^\W\d_][\w’'.-]*|[A-Z]\.)")
_PARTICLES = {"van", "von", "de", "da", "der", "den", "del", "di", "dos", "du", "la", "le"}
_DEGREE_TAIL = re.compile(r",\s*(?:[A-Z][A-Za-z]{0,5}\.?)(?:,\s*[A-Z][A-Za-z]{0,5})*\s*$")


_EMAIL_AUTHOR = re.compile(r"\s*(?:e-?mail|corresponding)\s+author\s*$", re.IGNORECASE)


def _one_name(text: str) -> str | None:
    """A line that is one author ("Ronnie A. Festok, MD", "Francesco Spinelli", "1. N. Saini;
    Holy Name Medical Center")."""
    if CITATION.match(text) or DOI.search(text):
        return None  # "J. Clin. Med. 2023, 12(23), 7324; https://doi.org/..."
    text = _EMAIL_AUTHOR.sub("", text)  # "• Ann ExampleEmail author": a bullet list's name
    text = re.sub(r"^\s*(?:by\s+|\d+\.\s+|[•·▪◦]\s*)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"[\s\d,*†‡]+$", "", text.split(";")[0])
    first, *rest = [p.strip() for p in text.split(",")]
    if any(_name(r) for r in rest):  # another name on the line: a list, not one author
        return None
    return _name(first) or None


def _between_names(text: str) -> bool:
    """Lines that stand between one-a-line names: markers, roles, affiliations."""
    if re.fullmatch(r"[\d,*†‡ ]+|and|by", text) or re.match(r"\d+\s", text):
        return True
    return len(text.split()) <= 8 or bool(CUES.regex("front", "institution").search(text))


def _is_degree(token: str) -> bool:
    """ "MD", "FRCS", "MCh", "(Vasc)": a degree or title after a name, not part of it."""
    bare = token.strip("(),.*")
    return bool(_DEGREE.match(bare)) or (len(bare) >= 2 and bare.isalpha() and bare.isupper())


_MARKS = re.compile(
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰ᵃᵇᶜᵈ*†‡§]+|\((?:[a-z\d](?:\s*,\s*[a-z\d*])*|\*|[A-Z][a-z]+ [A-Z][a-z]+|Hons)\)"
)


def _name(part: str) -> str | None:
    """One author's name with degrees and markers removed; "" for a degree alone, None for a
    part that is no name."""
    part = re.sub(r"(?:\(\w{1,2}\)|\d+|\*|†)+(?=\s|$)", "", part)
    part = re.sub(r"^\s*(?:\d+|[a-f])\s+(?=[A-ZÀ-Ý])", "", part)  # "1 Yui", "a Daniel"
    words = part.split()
    if len(words) == 2 and re.fullmatch(r"[A-Z]{1,3}", words[1]) and words[0][1:].islower():
        return part.strip()  # Vancouver style: "Kind GM", "Lengua F"
    if (
        len(words) == 2
        and re.fullmatch(r"[A-Z]{2,}", words[0])
        and not _DEGREE.match(words[0])
        and words[1][1:].islower()
    ):
        return part.strip()  # family name first in capitals: "ZHANG Weiming"
    words = [re.sub(r"(?<=[A-Z]{2})[a-f]$", "", w) for w in words]  # "FACSb"
    tokens = [t for t in words if not _is_degree(t)]
    if not tokens:
        return ""
    if not 2 <= len(tokens) <= 5 or not all(_name_word(t) for t in tokens):
        return None
    singles = [i for i, t in enumerate(tokens) if re.fullmatch(r"[A-Z]", t)]
    if singles and sum(len(t) > 1 for t in tokens[singles[0] + 1 :]) >= 2:
        return None  # "Turk J Limb Interv": an abbreviated journal, not "Nuss J M"
    if not any(len(t.strip(".")) > 1 and t[1:2].islower() for t in tokens):
        return None
    if CUES.regex("front", "institution").search(part):
        return None
    return " ".join(tokens)


def _name_word(token: str) -> bool:
    """A word of a name: capitalised ("Álvaro", "Lefebvre-Arnaud", "P.-Y."), or a particle."""
    return token in _PARTICLES or bool(_NAME_WORD.fullmatch(token)) and token[0].isupper()


def _authors(line: str) -> list[str]:
    """Names of an author line ("A. B. Smith, MD; C. Jones, PhD and D. Lee1"); a place after
    the names ("..., MD, Omaha, Neb") ends the list."""
    if len(line) > 400 or "\n" in line or "@" in line:
        return []
    line = _MARKS.sub("", line)
    line = re.sub(r"(?<=[\da-z])\.\s*$", "", line)  # "... and Leonardo Harduim2."
    # "and" in the languages met so far ("Simões e Harduim", "García y López", "Bauer und Kohl")
    parts = [p.strip() for p in re.split(r";|,|\b(?:and|e|y|und)\b|&|\|", line) if p.strip()]
    names: list[str] = []
    degreed: list[bool] = []
    for index, part in enumerate(parts):
        if re.match(r"(?:on behalf of|for the)\b", part, re.IGNORECASE):
            continue
        if re.fullmatch(r"[a-f\d*]{1,2}", part):  # an affiliation mark ("MD,a")
            continue
        name = _name(part)
        if name is None:
            if len(names) >= 2 and all(
                _name(p) is None or len(p.split()) <= 2 for p in parts[index:]
            ):
                break  # the place after the last name
            return []
        if name:
            names.append(name)
            degreed.append(False)
        elif degreed:
            degreed[-1] = True
    if sum(degreed) >= 2:  # names carry degrees: a last "name" without one is a place
        while names and not degreed[-1]:
            names.pop()
            degreed.pop()
    return names if len(names) >= 1 and len(parts) >= 2 and len(names) <= 40 else []
