"""A synthetic corpus of DVA papers for the benchmarks, written from the vocabularies.

Each paper is a case report, a series (Patient N paragraphs, a tab table or a pipe table) or an
aggregate cohort, 2-8 pages of about 500 words; the same seed gives the same corpus. A share can
be rendered to two-column PDFs (``corpus/tools/render_pdf.py``; tables land on some pages).

    python bench/generate.py OUT_DIR --papers 500 --seed 7 [--pdf-share 0.1]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tomllib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from schemas.vocab import load  # noqa: E402

WORDS_PER_PAGE = 500
PHRASES = tomllib.loads((Path(__file__).parent / "phrases.toml").read_text(encoding="utf-8"))
RENDERER = Path(__file__).resolve().parents[1] / "corpus" / "tools" / "render_pdf.py"
TEMPLATES = ("case_report", "series_text", "series_tab", "series_pipe", "cohort")
ALI_CLASSES = ("I", "IIa", "IIb", "III")
CLTI_CLASSES = ("4", "5", "6")
SIZES = ((5, 100), (5, 150), (6, 100), (6, 150), (6, 60), (7, 150), (6, 50), (5, 50))


@dataclass
class Case:
    """One synthetic patient."""

    age: int
    sex: str
    risk_factors: list[str]
    indication: str
    rutherford: str
    donor: str
    vein: str
    stents: list[tuple[str, int, int]]
    amputation: str
    reintervention: bool
    death: bool
    follow_up_months: int


@dataclass
class Vocab:
    """Written forms per concept, read once from ``schemas/vocab``."""

    terms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    abbrevs: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def read(cls) -> Vocab:
        """Terms and abbreviations of every concept table."""
        out = cls()
        for name in ("arteries", "veins", "risk_factors", "amputation_levels", "devices"):
            vocab = load(name)
            out.terms[name] = {k: list(c.terms) for k, c in vocab.concepts.items() if c.terms}
            out.abbrevs[name] = {k: list(c.abbrevs) for k, c in vocab.concepts.items()}
        return out

    def term(self, rng: random.Random, concept: str, key: str) -> str:
        """A written term of ``key`` (the first, canonical one most of the time)."""
        forms = self.terms[concept].get(key) or [key.replace("_", " ")]
        return forms[0] if rng.random() < 0.6 else rng.choice(forms)

    def short(self, rng: random.Random, concept: str, key: str) -> str:
        """An abbreviation of ``key`` when it has one, else a term."""
        forms = self.abbrevs[concept].get(key)
        return rng.choice(forms) if forms else self.term(rng, concept, key)


def _case(rng: random.Random, vocab: Vocab) -> Case:
    indication = "ALI" if rng.random() < 0.25 else "CLTI"
    veins = load("veins")
    donors = [k for k in vocab.terms["arteries"] if k in veins and k != "superficial_femoral"]
    donor = rng.choice(donors)
    vein = donor if rng.random() < 0.8 else rng.choice(donors)
    devices = [k for k in vocab.terms["devices"] if k not in ("LimFlow",)]
    n_stents = rng.choice((1, 1, 2, 2, 3))
    stents = [(rng.choice(devices[:5]), *rng.choice(SIZES)) for _ in range(n_stents)]
    levels = list(vocab.terms["amputation_levels"])
    amputation = "none" if rng.random() < 0.45 else rng.choice(levels)
    return Case(
        age=rng.randint(38, 91),
        sex=rng.choice(("male", "female")),
        risk_factors=rng.sample(list(vocab.terms["risk_factors"]), rng.randint(1, 4)),
        indication=indication,
        rutherford=rng.choice(ALI_CLASSES if indication == "ALI" else CLTI_CLASSES),
        donor=donor,
        vein=vein,
        stents=stents,
        amputation=amputation,
        reintervention=rng.random() < 0.35,
        death=rng.random() < 0.15,
        follow_up_months=rng.randint(1, 36),
    )


def _pick(rng: random.Random, key: str) -> str:
    """A random entry of phrase list ``key``."""
    return rng.choice(PHRASES[key])


def _people(rng: random.Random, n: int) -> str:
    names = [
        f"{_pick(rng, 'first_names')} {_pick(rng, 'initials')}. {_pick(rng, 'surnames')}, MD"
        for _ in range(n)
    ]
    return "; ".join(names)


def _stent_text(rng: random.Random, case: Case) -> str:
    parts = [f"a {d} × {length} mm {device} stent graft" for device, d, length in case.stents]
    return ", followed by ".join(parts) if rng.random() < 0.5 else " and ".join(parts)


def _outcome_text(rng: random.Random, vocab: Vocab, case: Case, who: str) -> str:
    day = rng.randint(3, 90)
    if case.amputation == "none":
        out = f"{'His' if who == 'He' else 'Her'} wound healed without amputation"
    else:
        level = vocab.term(rng, "amputation_levels", case.amputation)
        out = f"{who} underwent a {level} on postoperative day {day}"
    if case.reintervention:
        out += f"; thrombosis of the circuit at {rng.randint(1, 8)} weeks was treated with "
        out += "aspiration thrombectomy and balloon angioplasty"
    if case.death:
        out += f". {who} died of {rng.choice(('sepsis', 'pneumonia', 'cardiac arrest'))} "
        out += f"{case.follow_up_months} months after the procedure"
    else:
        out += f". At {case.follow_up_months} months {who.lower()} was alive"
    return out + "."


def case_paragraph(rng: random.Random, vocab: Vocab, case: Case, label: str | None) -> str:
    """A narrative description of one patient (``label`` "Patient 2", or None for a report)."""
    noun = "man" if case.sex == "male" else "woman"
    pron = "He" if case.sex == "male" else "She"
    rfs = [vocab.term(rng, "risk_factors", k) for k in case.risk_factors]
    history = ", ".join(rfs[:-1]) + (" and " if len(rfs) > 1 else "") + rfs[-1]
    lead = f"{label}, a" if label else "A"
    problem = (
        f"acute limb ischemia of {rng.randint(6, 48)} hours' duration"
        if case.indication == "ALI"
        else rng.choice(("a non-healing forefoot ulcer", "dry gangrene of two toes", "rest pain"))
    )
    text = (
        f"{lead} {case.age}-year-old {noun} with a history of {history} presented with "
        f"{problem} (Rutherford {case.rutherford}). Angiography showed occlusion of all crural "
        f"vessels with no distal target. Deep vein arterialization was performed from the "
        f"{vocab.term(rng, 'arteries', case.donor)} into the {vocab.term(rng, 'veins', case.vein)}"
        f" using {_stent_text(rng, case)}. "
    )
    if rng.random() < 0.5:
        text += "There was no history of " + vocab.term(rng, "risk_factors", "copd") + ". "
    return text + _outcome_text(rng, vocab, case, pron)


def _table_row(rng: random.Random, vocab: Vocab, k: int, case: Case) -> list[str]:
    stents = "; ".join(f"{d} × {length} mm {dev}" for dev, d, length in case.stents)
    amp = (
        "None"
        if case.amputation == "none"
        else vocab.short(rng, "amputation_levels", case.amputation)
    )
    return [
        str(k),
        str(case.age),
        "M" if case.sex == "male" else "F",
        ", ".join(vocab.short(rng, "risk_factors", r) for r in case.risk_factors),
        case.rutherford,
        vocab.term(rng, "arteries", case.donor).replace(" artery", "").capitalize(),
        vocab.term(rng, "veins", case.vein).capitalize(),
        stents,
        amp,
        "Yes" if case.reintervention else "No",
        "Died" if case.death else "Alive",
        str(case.follow_up_months),
    ]


HEADER = PHRASES["table_header"]
FOOTNOTE = PHRASES["table_footnote"]


def table_block(rng: random.Random, vocab: Vocab, cases: list[Case], style: str) -> str:
    """Caption, a tab-separated or pipe table with one row per patient, and its footnote."""
    rows = [_table_row(rng, vocab, k, c) for k, c in enumerate(cases, 1)]
    caption = f"Table 1. Patient characteristics, procedures and outcomes (n = {len(cases)})"
    if style == "tab":
        lines = ["\t".join(HEADER)] + ["\t".join(r) for r in rows]
        return "\n".join([caption, *lines, FOOTNOTE])
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return caption + "\n\n" + "\n".join(lines) + "\n\n" + FOOTNOTE


def filler(rng: random.Random, vocab: Vocab, pool: list[str], n_words: int) -> list[str]:
    """Paragraphs of about ``n_words`` words from sentence templates filled with vocabulary."""
    paragraphs, words = [], 0
    while words < n_words:
        sentences = []
        for _ in range(rng.randint(3, 7)):
            sentence = rng.choice(pool).format(
                artery=vocab.term(rng, "arteries", rng.choice(list(vocab.terms["arteries"]))),
                vein=vocab.term(rng, "veins", rng.choice(list(vocab.terms["veins"]))),
                rf=vocab.term(rng, "risk_factors", rng.choice(list(vocab.terms["risk_factors"]))),
                amp=vocab.term(
                    rng, "amputation_levels", rng.choice(list(vocab.terms["amputation_levels"]))
                ),
                device=rng.choice(list(vocab.terms["devices"])),
                n=rng.randint(3, 240),
                pct=rng.randint(5, 95),
                months=rng.randint(1, 36),
                year=rng.randint(2005, 2025),
                ref=rng.randint(1, 30),
            )
            if rng.random() < 0.3:
                sentence = (
                    rng.choice(PHRASES["connectives"]) + " " + sentence[0].lower() + sentence[1:]
                )
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return paragraphs


def write_paper(index: int, seed: int) -> tuple[str, str]:
    """Paper ``index`` of the corpus made with ``seed``: (stem, text)."""
    rng = random.Random(f"{seed}:{index}")
    vocab = _vocab()
    template = (
        TEMPLATES[index % len(TEMPLATES)] if index < len(TEMPLATES) else rng.choice(TEMPLATES)
    )
    pages = rng.randint(2, 8)
    n = {"case_report": 1, "cohort": 0}.get(template, rng.randint(2, 12))
    cases = [_case(rng, vocab) for _ in range(n)]
    indication = (
        "acute limb ischemia" if rng.random() < 0.3 else "chronic limb-threatening ischemia"
    )
    year = rng.randint(2012, 2026)
    title = rng.choice(PHRASES["title_forms"]).format(
        indication=indication, n=n or rng.randint(14, 160)
    )
    journal = rng.choice(PHRASES["journals"])
    blocks = [
        title,
        _people(rng, rng.randint(1, 6)),
        f"Department of Vascular Surgery, {_pick(rng, 'places')}",
        f"{journal}. {year};{rng.randint(1, 60)}({rng.randint(1, 12)}):{rng.randint(1, 900)}-"
        f"{rng.randint(901, 999)}. doi: 10.9999/bench.{year}.{index:05d}",
        "Abstract",
        f"Background: We describe deep vein arterialization for {indication}. Methods: "
        + " ".join(filler(rng, vocab, PHRASES["methods"], 40))
        + " Conclusion: Deep vein arterialization is a feasible option.",
        "Keywords: venous arterialization; limb salvage; amputation",
        "Introduction",
        *filler(rng, vocab, PHRASES["discussion"], 180),
        "Methods",
        *filler(rng, vocab, PHRASES["methods"], 160),
    ]
    blocks.append("Case presentation" if template == "case_report" else "Results")
    if template in ("series_tab", "series_pipe"):
        style = "tab" if template == "series_tab" else "pipe"
        blocks.append(f"{n} patients underwent deep vein arterialization (Table 1).")
        blocks.append(table_block(rng, vocab, cases, style))
        blocks += [case_paragraph(rng, vocab, c, f"Patient {k}") for k, c in enumerate(cases, 1)]
    elif template == "cohort":
        women = rng.randint(2, 20)
        blocks.append(
            f"A total of {rng.randint(14, 160)} patients (mean age "
            f"{rng.randint(60, 80)}.{rng.randint(0, 9)} years; {women} women) underwent deep vein "
            f"arterialization. Median follow-up was "
            f"{rng.randint(6, 30)} months. Major amputation occurred in {rng.randint(5, 35)}%."
        )
    else:
        label = None if template == "case_report" else "Patient {}"
        blocks += [
            case_paragraph(rng, vocab, c, label.format(k) if label else None)
            for k, c in enumerate(cases, 1)
        ]
    used = sum(len(b.split()) for b in blocks)
    blocks.append("Discussion")
    blocks += filler(
        rng, vocab, PHRASES["discussion"], max(pages * WORDS_PER_PAGE - used - 250, 100)
    )
    blocks += ["Conclusion", *filler(rng, vocab, PHRASES["discussion"], 60), "References"]
    blocks += [
        f"{k}. {_pick(rng, 'surnames')} {_pick(rng, 'initials')}, {_pick(rng, 'surnames')} "
        f"{_pick(rng, 'initials')}. Deep venous arterialization. {_pick(rng, 'journals')}. "
        f"{rng.randint(2000, 2025)};{rng.randint(1, 80)}:{rng.randint(1, 999)}."
        for k in range(1, rng.randint(8, 25))
    ]
    return f"p{index:05d}-{template}", "\n\n".join(blocks) + "\n"


_VOCAB: list[Vocab] = []


def _vocab() -> Vocab:
    if not _VOCAB:
        _VOCAB.append(Vocab.read())
    return _VOCAB[0]


def _renderer():
    """``corpus/tools/render_pdf.py`` as a module (None when it is not there)."""
    if not RENDERER.exists():
        return None
    if "render_pdf" in sys.modules:
        return sys.modules["render_pdf"]
    spec = importlib.util.spec_from_file_location("render_pdf", RENDERER)
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_pdf"] = module
    spec.loader.exec_module(module)
    return module


def render_pdf(text: str, out: Path) -> int:
    """Render a text paper to a two-column PDF; returns its page count."""
    module = _renderer()
    if module is None:
        raise SystemExit(f"bench: {RENDERER} is missing; cannot render PDFs")
    return module.build(module.split_paper(text), out)


def _make(job: tuple[int, int, str, bool]) -> tuple[str, int | None]:
    index, seed, out_dir, as_pdf = job
    stem, text = write_paper(index, seed)
    if as_pdf:
        path = Path(out_dir) / f"{stem}.pdf"
        return str(path), render_pdf(text, path)
    path = Path(out_dir) / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    return str(path), None


def generate(
    out_dir: str | Path, papers: int, seed: int = 7, pdf_share: float = 0.0, workers: int = 1
) -> list[tuple[Path, int | None]]:
    """Write ``papers`` papers into ``out_dir``; (path, PDF pages or None) per paper."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    n_pdf = round(papers * pdf_share)
    step = papers / n_pdf if n_pdf else 0
    pdf_at = {int(k * step) for k in range(n_pdf)}
    jobs = [(k, seed, str(out), k in pdf_at) for k in range(papers)]
    if workers > 1 and n_pdf:
        with ProcessPoolExecutor(workers) as pool:
            made = list(pool.map(_make, jobs, chunksize=4))
    else:
        made = [_make(job) for job in jobs]
    return [(Path(p), pages) for p, pages in made]


def main(argv: list[str] | None = None) -> int:
    """Command line: write a synthetic corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--papers", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pdf-share", type=float, default=0.0, help="share rendered to PDF")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    made = generate(args.out_dir, args.papers, args.seed, args.pdf_share, args.workers)
    words = sum(len(p.read_text().split()) for p, pages in made if pages is None)
    print(f"{len(made)} papers in {args.out_dir} ({words} words of text papers)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
