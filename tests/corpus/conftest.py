"""A small corpus folder and a stand-in extractor whose answers are known in advance.

The stand-in reads each file for real (so an empty file fails as it would) and returns a
hand-built result per file name: the corpus logic is tested apart from the extractors.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from extract.errors import PdfError
from extract.reading import read_document
from schemas.models import Evidence, ExtractionResult, Patient, Reported, Source, Stent, Study

SMITH = """Deep vein arterialization for no-option chronic limb-threatening ischemia: a case series
Smith J, Rossi L. J Vasc Case Rep. 2023. https://doi.org/10.1000/dva.0001

Patient 1. A 70-year-old man with diabetes and hypertension underwent percutaneous deep vein
arterialization from the posterior tibial artery into the posterior tibial vein with two Viabahn
stent grafts (5 x 150 mm and 6 x 100 mm). A below-knee amputation was performed at 3 months.

Patient 2. A 64-year-old woman on haemodialysis, an ex-smoker, had a Rutherford 5 ulcer. The
peroneal artery was connected to the peroneal vein with one Viabahn 13 x 100 mm. The wound healed
and no amputation was needed at 12 months.
"""

SMITH_PREPRINT = SMITH.replace("J Vasc Case Rep. 2023.", "Preprint, 2022.")

JONES = """# Surgical venous arterialization for acute limb ischemia: a case report

Jones A. 2024.

A 58-year-old woman presented with Rutherford IIb acute limb ischemia after failed thrombolysis.
An open deep vein arterialization from the anterior tibial artery was performed. A transmetatarsal
amputation followed at 6 weeks; she was alive at 9 months.
"""

PARK = """Hybrid deep venous arterialization in a dialysis patient
Park S. 2021.

A 75-year-old man with end-stage renal disease underwent hybrid DVA. He died at 4 months.
"""


def _ev(text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote), section="Case")


def _smith(text: str) -> tuple[Study, list[Patient]]:
    study = Study(
        title="Deep vein arterialization for no-option chronic limb-threatening ischemia",
        authors=["Smith J", "Rossi L"],
        year=2023,
        doi="https://doi.org/10.1000/dva.0001",
        design="case_series",
        indication="CLTI",
        n_patients=2,
        reported=Reported(mean_age_years=67.0),
    )
    p1 = Patient(
        patient_id="1",
        age_years=70,
        sex="male",
        risk_factors=["diabetes", "hypertension"],
        donor_artery="posterior_tibial",
        target_vein="posterior_tibial",
        stents=[
            Stent(device="Viabahn", covered=True, diameter_mm=5, length_mm=150),
            Stent(device="Viabahn", covered=True, diameter_mm=6, length_mm=100),
        ],
        amputation="below_knee",
        major_amputation=True,
        evidence={
            "age_years": [_ev(text, "70-year-old")],
            "amputation": [_ev(text, "below-knee amputation")],
        },
    )
    p2 = Patient(
        patient_id="2",
        age_years=64,
        sex="female",
        risk_factors=["end_stage_renal_disease", "smoking"],
        rutherford_presentation="5",
        donor_artery="peroneal",
        target_vein="peroneal",
        stents=[Stent(device="Viabahn", diameter_mm=13, length_mm=100)],
        amputation="none",
        follow_up_days=364.8,
        evidence={"amputation": [_ev(text, "no amputation was needed")]},
    )
    return study, [p1, p2]


def _jones(text: str) -> tuple[Study, list[Patient]]:
    study = Study(
        title="Surgical venous arterialization for acute limb ischemia",
        authors=["Jones A"],
        year=2024,
        design="case_report",
        indication="ALI",
        n_patients=1,
    )
    patient = Patient(
        patient_id="1",
        age_years=58,
        sex="female",
        indication="ALI",
        rutherford_presentation="IIb",
        donor_artery="anterior_tibial",
        amputation="TMA",
        death=False,
        follow_up_days=273.6,
        evidence={"age_years": [_ev(text, "58-year-old")]},
    )
    return study, [patient]


def _park(text: str) -> tuple[Study, list[Patient]]:
    study = Study(
        title="Hybrid deep venous arterialization in a dialysis patient", year=2021, n_patients=1
    )
    patient = Patient(
        patient_id="1",
        age_years=75,
        sex="male",
        risk_factors=["end_stage_renal_disease"],
        death=True,
        follow_up_days=121.6,
    )
    return study, [patient]


BUILDERS = {"smith": _smith, "jones": _jones, "park": _park}


def fake_extract_paper(
    path, model=None, max_bytes=10**8, max_pages=200, **limits
) -> ExtractionResult:
    """Read the file for real; return the known result for its name; PDFs here are broken."""
    if Path(path).suffix == ".pdf":
        raise PdfError(f"{path}: not a PDF file (no %PDF header)")
    doc = read_document(path, max_bytes=max_bytes, max_pages=max_pages)
    name = next(key for key in BUILDERS if key in Path(path).name)
    study, patients = BUILDERS[name](doc.text)
    source = Source(path=str(path), sha256=doc.sha256, format="text")
    return ExtractionResult(source=source, study=study, patients=patients)


def write_corpus(folder: Path) -> Path:
    """Six files: two good papers, one preprint with the same DOI, one byte copy, two broken."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a-smith-2023.txt").write_text(SMITH, encoding="utf-8")
    (folder / "b-jones-2024.md").write_text(JONES, encoding="utf-8")
    (folder / "c-smith-preprint.txt").write_text(SMITH_PREPRINT, encoding="utf-8")
    (folder / "d-jones-copy.md").write_text(JONES, encoding="utf-8")
    (folder / "e-empty.txt").write_text("", encoding="utf-8")
    (folder / "f-garbled.pdf").write_bytes(b"this is not a PDF \x00\x01\x02")
    (folder / "notes.docx").write_bytes(b"not a paper format")
    (folder / ".hidden.txt").write_text(SMITH, encoding="utf-8")
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "g-park-2021.txt").write_text(PARK, encoding="utf-8")
    return folder


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A corpus folder in tmp_path (see :func:`write_corpus`)."""
    return write_corpus(tmp_path / "papers")


@pytest.fixture
def fake_extractor(monkeypatch):
    """Replace ``extract.pipeline.extract_paper``; returns the list of file names it was given."""
    calls: list[str] = []

    def extract_paper(path, **kwargs):
        calls.append(Path(path).name)
        return fake_extract_paper(path, **kwargs)

    monkeypatch.setattr("extract.pipeline.extract_paper", extract_paper)
    return calls


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Run in tmp_path (outputs written to the current folder land there)."""
    monkeypatch.chdir(tmp_path)
    return Path(os.getcwd())


@pytest.fixture
def known_result():
    """The stand-in extractor itself (no call recording), to compute expected rows."""
    return fake_extract_paper


def make_pdf(path: Path, text: str) -> Path:
    """A one-page PDF with a text layer (reportlab), one line of ``text`` per line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    y = 800
    for line in text.splitlines():
        pdf.drawString(40, y, line)
        y -= 14
    pdf.save()
    return path


@pytest.fixture
def pdf_paper():
    """Write a small PDF case report: ``pdf_paper(path)``."""
    return lambda path: make_pdf(path, PARK.replace("Park S.", "Nguyen T."))
