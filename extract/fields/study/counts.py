"""Counts and pooled summaries the paper reports (n treated, mean age, sexes, follow-up)."""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues
from extract.fields.study.percent import total_from
from extract.fields.study.relevance import reviews_others
from extract.initials import by_first_letter
from extract.measures import load_patterns, parse_number, to_days

CUES = CueTable(Path(__file__).parent / "cues.toml")

_NUMBER_WORDS = [w for w in load_patterns()["words"] if len(w) > 2 and w != "single"]
_INITIALS = "".join(sorted({w[0] for w in _NUMBER_WORDS}))  # a lookahead skips other words
_WORDS = by_first_letter(_NUMBER_WORDS)  # the words grouped by first letter: tried faster
# a count in digits or words ("12", "twenty-one")
NUMBER = rf"(?:\d+|(?=[{_INITIALS}])(?:{_WORDS})(?:-(?:{_WORDS}))?)"
_NUM = rf"(?P<n>{NUMBER})"
_SEX = (
    r"women|woman|females?|men|man|males?|mujeres|hombres|varones|mulheres|homens|"
    r"(?:d[eo]l?\s+)?(?:sexo|g[ée]nero)\s+(?:masculino|feminino|femenino)"  # "do sexo feminino"
)
_FEMALE = re.compile(r"wom|fem|muj|mul", re.IGNORECASE)
# a count opens a word: "none women" holds no "one women"
_SEX_COUNTS = re.compile(
    rf"\b{_NUM}\s+(?:patients\s+|pacientes\s+|doentes\s+)?(?:\([^)]{{0,12}}\)\s+)?"
    rf"(?:were\s+|fueron\s+|foram\s+|eram\s+|eran\s+)?"
    rf"(?P<sa>{_SEX})\b(?:\s*(?:,|and|y|e|/|;)\s*"
    rf"(?P<m>{NUMBER})\s+(?P<sb>{_SEX})\b)?",
    re.IGNORECASE,
)
_MEAN_AGE = re.compile(
    r"\b(?:mean age|edad media|edad promedio|idade m[ée]dia|[âa]ge moyen)\b"
    r"[^0-9]{0,12}?(?P<v>\d{2}(?:[.,]\d+)?)"
    # a range's mean in years: "(média de 58 anos)", "(mean of 67 years)"
    r"|\b(?:m[ée]dia|media|promedio|mean|average)\s+(?:de|of)\s+"
    r"(?P<y>\d{2}(?:[.,]\d+)?)\s*(?:anos|años|years)\b",
    re.IGNORECASE,
)
_MEDIAN_FU = re.compile(
    r"\bmedian (?:clinical )?(?:follow-?up|observation period|observation)\b[^0-9]{0,20}?"
    r"(?P<v>\d+(?:\.\d+)?)\s*"
    r"(?P<u>days?|weeks?|months?|years?)",
    re.IGNORECASE,
)
_PEOPLE = r"(?:patients?|subjects|participants|pacientes|doentes|patienten|casos)"
_NOT_MODIFIER = (
    r"(?:of|per|cent|percent|in|at|on|to|from|with|were|was|had|have|has|and|the|resulting|"
    r"de|do|dos|das|los|las|en|em|\d+)\b"
)
_N_PATIENTS = re.compile(
    rf"\b{_NUM}(?:-(?:patient|subject)\b|\s+(?:(?!{_PEOPLE}|{_NOT_MODIFIER})[\w“”\"’'—–,-]+\s+)"
    rf"{{0,5}}?{_PEOPLE}\b)",
    re.IGNORECASE,
)
# a count of patients the paper itself treated, told before the number ("We enrolled 105")
_TREATED_BEFORE = re.compile(
    r"\b(?:enrolled|treated|included|operated on|encompassing|review of|series of|total of|"
    r"experience with|underwent|recruited)\s+(?:a total of\s+|all\s+)?$",
    re.IGNORECASE,
)
# a sentence about other studies: its counts are not this paper's
_LITERATURE = re.compile(
    r"\b(?:reported|et al|meta-?analys[ie]s|systematic review|literature|previous(?:ly)? )|\[\d",
    re.IGNORECASE,
)


# a percentage right after a count: the count is a part of the whole ("3 patients (75%)")
_PART = re.compile(r"\s*\((?P<p>\d+(?:\.\d+)?)\s*%\)")

_TREATED = re.compile(
    r"\b(?:underwent|were treated|received|had (?:a )?(?:p?DVA|arteriali[sz]ation)|were included|"
    r"were enrolled|enrolled|were operated|have been operated|had undergone|were recruited|"
    r"fueron tratados|foram tratados|fueron intervenidos)\b"
)


def _treated(text: str, match: re.Match) -> bool:
    """Whether a patient count is followed by its treatment in the same clause, before any
    other count ("Of 41 patients screened, 27 patients underwent pDVA": only the 27), or
    introduced by it ("We enrolled 105 patients")."""
    if _TREATED_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
        return True
    window = re.split(r"[.;]", text[match.end() : match.end() + 80])[0]
    following = _N_PATIENTS.search(window)
    return bool(_TREATED.search(window[: following.start()] if following else window))


def hedged(before: str) -> bool:
    """Whether the text before a number makes it an approximation ("approximately 20%")."""
    return bool(re.search(rf"(?:{CUES.regex('counts', 'hedged').pattern})\s*$", before, re.I))


def sentence_around(text: str, at: int) -> str:
    """The sentence of ``text`` around offset ``at``."""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
    end = text.find(". ", at)
    return text[start : end if end != -1 else len(text)]


def _one_procedure(units: list) -> tuple | None:
    """(unit, match) of a news story's single procedure ("the hospital's first LimFlow
    procedure", "the first surgeon in the state to treat a patient with ..."), if told."""
    pattern = CUES.regex("counts", "one_procedure")
    for unit in units:
        if match := pattern.search(unit.text):
            return unit, match
    return None


def reported(doc: Doc, out: FieldValues) -> None:
    """Fill the paper's own pooled figures; a review of other studies has none."""
    paper = doc._.paper
    if reviews_others(doc):
        return
    units = [
        u
        for u in doc._.units
        if u.source == "text"
        and u.section_kind in ("abstract", "results", "methods", "body", "front")
    ]
    rep: dict = {}
    counts: list[tuple] = []
    for unit in units:
        text = unit.text
        if "mean_age_years" not in rep and (m := _MEAN_AGE.search(text)):
            value = float((m.group("v") or m.group("y")).replace(",", "."))
            rep["mean_age_years"] = (value, unit.evidence(paper, *m.span()))
        if "mean_age_years" not in rep and (m := CUES.search("counts", "cjk_mean_age", text)):
            rep["mean_age_years"] = (float(m.group("v")), unit.evidence(paper, *m.span()))
        for m in CUES.finditer("counts", "cjk_sex", text):
            key = "n_female" if m.group("sex") == "女性" else "n_male"
            if key not in rep:
                rep[key] = (int(m.group("n")), unit.evidence(paper, *m.span()))
        if "median_follow_up_days" not in rep and (m := _MEDIAN_FU.search(text)):
            rep["median_follow_up_days"] = (
                to_days(float(m.group("v")), m.group("u")),
                unit.evidence(paper, *m.span()),
            )
        for m in _SEX_COUNTS.finditer(text):
            for num, word in ((m.group("n"), m.group("sa")), (m.group("m"), m.group("sb"))):
                value = parse_number(num) if num else None
                key = "n_female" if word and _FEMALE.search(word) else "n_male"
                if value is not None and key not in rep:
                    rep[key] = (int(value), unit.evidence(paper, *m.span()))
        found = [*_N_PATIENTS.finditer(text), *CUES.finditer("counts", "cjk_patients", text)]
        for m in sorted(found, key=lambda m: m.start()):
            value = parse_number(m.group("n")) or 0
            if hedged(text[max(0, m.start() - 20) : m.start()]):
                continue
            part = _PART.match(text, m.end())
            if part:  # "3 patients (75%)": a part of the cohort, whose size it implies
                value = total_from(int(value), part.group("p")) or 0
            if value >= 2 and not _LITERATURE.search(sentence_around(text, m.start())):
                ev = unit.evidence(paper, m.start(), part.end() if part else m.end())
                counts.append((_treated(text, m), value, ev, unit))
    if counts:  # the first count said to be treated; else the largest of the first paragraph
        treated = [c for c in counts if c[0]]
        first = [c for c in counts if c[3] is counts[0][3]]
        _, value, ev, _ = treated[0] if treated else max(first, key=lambda c: c[1])
        rep["n_reported"] = (int(value), ev)
    elif one := _one_procedure(units):
        rep["n_reported"] = (1, one[0].evidence(paper, *one[1].span()))
    for key, (value, ev) in rep.items():
        out.put(f"reported.{key}", value, [ev])
