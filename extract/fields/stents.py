"""Stents placed in the DVA circuit: device, manufacturer, covered, diameter × length.

A size ("5 mm × 150 mm", "6×150-mm", "6-mm by 80-mm") is a stent when the nearest device word
beside it is a stent or a stent brand, not a balloon, sheath or graft; a stent in a clause about
the inflow (SFA, popliteal stenosis, drug-eluting) is not part of the circuit. "2 × Viabahn
5 × 100 mm" and "two overlapping ... 5 × 100 mm" are two stents.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from extract.document import Document
from extract.fields.candidates import FieldValues
from extract.fields.cues import regex, words
from extract.measures import parse_number
from extract.patients import PatientScope
from extract.units import Unit
from schemas.models import Evidence, Stent
from schemas.vocab import load, manufacturer_key

Found = tuple[Stent, int, Evidence]


def _nearest_kind(unit: Unit, size: Span) -> str | None:
    """ "stent" / "other" by the closest device word around the size, None if neither."""
    doc = unit.doc
    devices = unit.memo("device_starts", lambda: {s.start for s in unit.spans("vocab", "devices")})
    stent_words, other_words = words("stents", "stent_words"), words("stents", "other_words")
    sizes = unit.memo(
        "size_tokens", lambda: {i for s in _sizes_in(unit) for i in range(s.start, s.end)}
    )

    def kind_at(i: int) -> str | None:
        token = doc[i]
        if _stent_graft_tail(unit, i):
            return "stent"
        if i in devices:
            return "stent"
        if token.lower_ in stent_words or token.lower_.startswith("stent"):
            return "stent"
        if token.lower_ in other_words and not _expandable(unit, i):
            return "other"
        return None

    if any(t.lower_.startswith("stent") for t in size):
        return "stent"
    best: tuple[int, str] | None = None
    steps = 0
    for i in range(size.end, min(unit.tok_end, size.end + 8)):
        if doc[i].is_sent_start or doc[i].text in (";", "."):
            break
        if i in sizes:
            continue
        steps += 1
        kind = kind_at(i)
        if kind:
            best = (steps, kind)
            break
    head = _parenthesis_head(unit, size) if best is None else None
    if head is not None:  # "stent grafts (5 × 50 mm and 5 × 100 mm)"
        for j in range(head - 1, max(unit.tok_start - 1, head - 4), -1):
            if kind_at(j):
                return kind_at(j)
    steps = 0
    for i in range(size.start - 1, max(unit.tok_start - 1, size.start - 5), -1):
        if doc[i].text in (";", ".", ",", "(") or i in sizes:
            break
        steps += 1
        kind = kind_at(i)
        if kind and (best is None or steps < best[0]):
            best = (steps, kind)
            break
    return best[1] if best else None


_COUNT_AFTER = re.compile(r"^\s*(?:mm\s*)?\(?\s*[x×]\s*(\d)\s*\)?(?![\d.])")


def _parenthesis_head(unit: Unit, size: Span) -> int | None:
    """The "(" that opens a parenthesis holding ``size`` (within 20 tokens), if any."""
    doc = unit.doc
    for i in range(size.start - 1, max(unit.tok_start - 1, size.start - 20), -1):
        if doc[i].text == ")":
            return None
        if doc[i].text == "(":
            return i
    return None


def _stent_graft_tail(unit: Unit, i: int) -> bool:
    """The "graft" of "stent graft" / "stent-graft" belongs to the stent."""
    return (
        unit.doc[i].lower_ in ("graft", "grafts") and "stent" in unit.tokens(i - 2, i).text.lower()
    )


def _expandable(unit: Unit, i: int) -> bool:
    """ "balloon-expandable stent": the balloon word describes the stent."""
    following = unit.tokens(i + 1, i + 3).text.replace(" ", "").lower()
    return following.startswith(("-expandable", "expandable", "-mounted", "mounted"))


def _sentence_kind(unit: Unit, size: Span) -> str | None:
    """With no device word right beside a size, the nearest one before it in its sentence
    decides ("two Viabahn stent-grafts were deployed: Ø 6 mm, 100 mm length ...")."""
    doc = unit.doc
    sent = unit.sent_of(size)
    devices = {t.i for d in unit.spans("vocab", "devices") for t in d}
    stent_words, other_words = words("stents", "stent_words"), words("stents", "other_words")
    for i in range(size.start - 1, sent.start - 1, -1):
        token = doc[i]
        if i in devices or token.lower_ in stent_words or _stent_graft_tail(unit, i):
            return "stent"
        if token.lower_.startswith("stent"):
            return "stent"
        if token.lower_ in other_words and not _expandable(unit, i):
            return "other"
    return None


def _count(unit: Unit, size: Span) -> int:
    """How many stents a size names: "2 × Viabahn 5 × 100", "two ... 5 × 100", "(×2)"."""
    doc = unit.doc
    end = unit.rel(size.end_char)
    after = _COUNT_AFTER.match(unit.text[end : end + 12])
    if after:
        return int(after.group(1))
    filler = words("stents", "count_filler")
    device_tokens = {t.i for s in unit.spans("vocab", "devices") for t in s}
    i = size.start - 1
    while i >= unit.tok_start and i >= size.start - 5:
        token = doc[i]
        if token.lower_ in words("stents", "count_words"):
            return int(parse_number(token.lower_) or 1)
        if token.lower_ in filler or i in device_tokens:
            i -= 1
            continue
        break
    return 1


def _device_for(unit: Unit, size: Span) -> Span | None:
    devices = [d for d in unit.spans("vocab", "devices")]
    if not devices:
        return None
    sent = unit.sent_of(size)
    in_sent = [d for d in devices if sent.start <= d.start < sent.end]
    if not in_sent:
        return None
    return min(
        in_sent,
        key=lambda d: (
            abs(d.start - size.end) if d.start >= size.end else abs(size.start - d.end) + 0.5
        ),
    )


def _manufacturer(unit: Unit, device: Span | None, fallback: str | None) -> str | None:
    if device is not None:
        for span in unit.spans("vocab", "manufacturers"):
            if 0 <= span.start - device.end <= 12:
                return span.kb_id_
        return load("devices").attr(device.kb_id_, "manufacturer")
    return fallback


def _is_inflow(unit: Unit, size: Span) -> bool:
    sent = unit.sent_text(size)
    clause = re.split(r";", sent)
    local = next((c for c in clause if size.text in c), sent)
    return bool(regex("stents", "inflow").search(local)) and not regex("stents", "circuit").search(
        local.replace(size.text, "")
    )


def _sizes_in(unit: Unit) -> list[Span]:
    """Sizes of a unit, with "6/150" beside a device word, and in a stent table cell bare "6x150"
    (units given once elsewhere)."""
    return list(unit.memo("stent_sizes", lambda: _find_sizes(unit)))


def _find_sizes(unit: Unit) -> list[Span]:
    sizes = unit.spans("measures", "SIZE")
    extra = unit.spans("measures", "SIZE_SLASH")
    if unit.source == "table" and "stents" in unit.families:
        extra = extra + unit.spans("measures", "SIZE_BARE")
    taken = [(s.start_char, s.end_char) for s in sizes]
    for bare in extra:
        if not any(a < bare.end_char and bare.start_char < b for a, b in taken):
            sizes.append(bare)
    return sorted(sizes, key=lambda s: s.start_char)


def stents_in(unit: Unit, doc: Document, label_device: str | None = None) -> list[Found]:
    """Stents (with multiplicity) stated in one unit."""
    found: list[Found] = []
    label_maker = manufacturer_key(unit.label.split("(")[-1].rstrip(") ")) if unit.label else None
    for size in _sizes_in(unit):
        kind = _nearest_kind(unit, size) or _sentence_kind(unit, size)
        if kind != "stent" and not (
            kind is None and unit.source == "table" and "stents" in unit.families
        ):
            continue
        if _is_inflow(unit, size):
            continue
        device = _device_for(unit, size)
        name = device.kb_id_ if device is not None else label_device
        if name and load("devices").attr(name, "inflow_only"):
            continue
        diameter, length = size._.value
        covered = load("devices").attr(name, "covered") if name else None
        if covered is None and re.search(r"covered|stent[- ]graft", unit.text, re.IGNORECASE):
            covered = True
        stent = Stent(
            device=name,
            manufacturer=_manufacturer(unit, device, label_maker if name else None)
            or (load("devices").attr(name, "manufacturer") if name else None),
            covered=covered,
            diameter_mm=diameter,
            length_mm=length,
        )
        ev = unit.span_evidence(doc, size)
        for _ in range(_count(unit, size)):
            found.append((stent, size.start_char, ev))
    return found


_DIAMETER_BEFORE = re.compile(
    r"(?:\b(?P<count>two|three|four|five|\d)\s+)?(?:overlapping\s+)?"
    r"(?P<d>\d{1,2}(?:\.\d)?)\s*-?\s*mm\s+$",
    re.IGNORECASE,
)


def unsized_in(unit: Unit, doc: Document) -> list[Found]:
    """ "three LimFlow stent grafts" in a sentence that gives no sizes: devices without sizes."""
    found: list[Found] = []
    sized = {unit.sent_of(s).start for s in unit.spans("measures", "SIZE")}
    for device in unit.spans("vocab", "devices"):
        if unit.sent_of(device).start in sized or load("devices").attr(
            device.kb_id_, "inflow_only"
        ):
            continue
        if _nearest_kind(unit, device) != "stent" or _is_inflow(unit, device):
            continue
        diameter = _DIAMETER_BEFORE.search(
            unit.text[max(0, unit.rel(device.start_char) - 40) : unit.rel(device.start_char)]
        )
        if diameter:  # "two 5-mm Viabahn endoprostheses": a diameter without a length
            count = int(parse_number(diameter.group("count") or "1") or 1)
        else:
            count = _count(unit, device)
            if count < 2:
                continue
        stent = Stent(
            device=device.kb_id_,
            manufacturer=_manufacturer(unit, device, None),
            covered=load("devices").attr(device.kb_id_, "covered"),
            diameter_mm=float(diameter.group("d")) if diameter else None,
        )
        found += [(stent, device.start_char, unit.span_evidence(doc, device))] * count
    return found


def _label_device(unit: Unit) -> str | None:
    if not unit.label:
        return None
    return next((k for k in load("devices").keys() if k.lower() in unit.label.lower()), None)


def _stent_key(stent: Stent, known: list[tuple]) -> tuple:
    size = (stent.diameter_mm, stent.length_mm)
    if stent.device is None:
        return next((k for k in known if k[:2] == size), (*size, None))
    if (*size, None) in known:
        return (*size, None)
    return (*size, stent.device)


def _collapse(found: list[list[Found]]) -> tuple[list[Stent], list[Evidence]]:
    """Across mentions, a stent counts as often as the mention that names it most often.

    Stents are the same when size and device agree; a mention without a device joins the
    stent of that size already named (a 5 × 100 Viabahn and a 5 × 100 Advanta are two).
    """
    counts: dict[tuple, int] = {}
    best: dict[tuple, Stent] = {}
    evidence: dict[tuple, list[Evidence]] = {}
    order: list[tuple] = []
    for mention in found:
        local: dict[tuple, int] = {}
        for stent, _, ev in mention:
            key = _stent_key(stent, order)
            local[key] = local.get(key, 0) + 1
            if key not in best or (best[key].device is None and stent.device):
                best[key] = stent
            evidence.setdefault(key, []).append(ev)
            if key not in order:
                order.append(key)
        for key, n in local.items():
            counts[key] = max(counts.get(key, 0), n)
    stents = [best[key] for key in order for _ in range(counts[key])]
    return stents, [ev for key in order for ev in evidence[key][:2]]


def extract_stents(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``stents``: from the patient's table cells if any, else from the narrative."""
    table = [
        stents_in(u, doc, _label_device(u)) for u in scope.table_units() if "stents" in u.families
    ]
    text = []
    for unit in scope.text_units():
        if unit.section_kind == "figures":
            continue
        by_sentence: dict[int, list[Found]] = {}
        for item in stents_in(unit, doc):
            by_sentence.setdefault(_sentence_index(unit, item[1]), []).append(item)
        text += list(by_sentence.values())
    t_stents, t_ev = _collapse([m for m in table if m])
    x_stents, x_ev = _collapse([m for m in text if m])
    if t_stents:
        out.put("stents", t_stents, t_ev)
        if x_stents and _sizes(x_stents) != _sizes(t_stents):
            from schemas.models import Conflict

            out.conflicts.append(
                Conflict(
                    patient_id=out.patient_id,
                    field="stents",
                    values=[_sizes(t_stents), _sizes(x_stents)],
                    chosen=_sizes(t_stents),
                    evidence=[t_ev[0], x_ev[0]],
                )
            )
    elif x_stents:
        out.put("stents", x_stents, x_ev)
    else:
        mentions = [unsized_in(u, doc) for u in scope.text_units() if u.section_kind != "figures"]
        u_stents, u_ev = _collapse([m for m in mentions if m])
        out.put("stents", u_stents, u_ev)


def _sizes(stents: list[Stent]) -> list[str]:
    return sorted(f"{s.diameter_mm:g}x{s.length_mm:g}" for s in stents)


def _sentence_index(unit: Unit, char: int) -> int:
    for i, sent in enumerate(unit.sents):
        if sent.start_char <= char < sent.end_char:
            return i
    return 0
