"""A small two-patient DVA case series and a hand-built result for it (offsets from the text)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from schemas.models import (
    Conflict,
    Evidence,
    ExtractionResult,
    Patient,
    Reported,
    Source,
    Stent,
    Study,
)

PAGE_ONE = """# Percutaneous Deep Vein Arterialization After Failed Thrombolysis: Two Cases

R. Okafor, MD; L. Brandt, MD

## Abstract

Two patients (mean age 67.5; 1 female, 1 male) with acute limb ischemia and no distal target \
underwent percutaneous deep vein arterialization (DVA) after failed catheter-directed \
thrombolysis.

## Methods

Both procedures were performed in a hybrid suite under local anesthesia with sedation.

Table 1. Patient characteristics

Characteristic\tPatient 1\tPatient 2
Age/sex\t71-year-old man\t64-year-old woman
Risk factors\tHTN, DM\tHLP, smoking
Rutherford at presentation\tIIb\tIIa
DVA\tPTA \u2192 PTV\tPeroneal \u2192 PTV
Outcome\tBKA\tTMA

Abbreviations: HTN, hypertension; DM, diabetes mellitus; HLP, hyperlipidemia; PTA, posterior \
tibial artery; PTV, posterior tibial vein; BKA, below-knee amputation; TMA, transmetatarsal \
amputation.

## Case 1

A 71-year-old man with hypertension and diabetes presented with Rutherford class III acute \
limb ischemia after overnight thrombolysis had failed. The posterior tibial artery was \
connected to the posterior tibial vein, and a 5 mm x 150 mm Viabahn (Gore) was deployed \
across the crossing zone. He underwent a below-knee amputation at 3 months.
"""

DISCUSSION = """
DVA converts the deep venous system of the foot into a conduit for arterial blood once no \
tibial or pedal target remains. In the acute setting the microcirculation has often been \
injured by hours of ischemia, and restored inflow may not be nutritive.

Selection of the donor artery is dictated by the anatomy that survives thrombolysis. When the \
only patent tibial vessel is used as the donor, the limb loses its last native runoff, and the \
decision must weigh this against an otherwise inevitable major amputation.

Valve lysis of the target vein and coverage of the crossing zone with a covered stent graft \
are the technical steps most often associated with early failure when omitted.
"""

PAGE_TWO = """## Case 2

A 64-year-old woman with hyperlipidemia and a 30 pack-year smoking history presented with \
Rutherford class IIa ischemia. The peroneal artery was connected to the posterior tibial \
vein. She required a transmetatarsal amputation and was alive with a healed foot at 6-month \
follow-up.

## Acknowledgments

The HTML of the submission read <script>alert("paper")</script> and <b>bold</b> here.
"""

TEXT = PAGE_ONE + DISCUSSION * 3 + PAGE_TWO
PAGE_STARTS = [0, len(PAGE_ONE) + len(DISCUSSION) * 3]


def ev(quote: str, nth: int = 0, source: str = "text", section: str | None = None) -> Evidence:
    """Evidence for the ``nth`` occurrence of ``quote`` in the paper (offsets from the text)."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(quote, start + 1)
    page = 1 if start < PAGE_STARTS[1] else 2
    return Evidence(
        quote=quote, start=start, end=start + len(quote), page=page, section=section, source=source
    )


def build_result(path: Path) -> ExtractionResult:
    """What a correct extraction of the paper looks like, by hand."""
    table = "Table 1"
    p1 = Patient(
        patient_id="1",
        age_years=71,
        sex="male",
        risk_factors=["hypertension", "diabetes"],
        indication="ALI",
        rutherford_presentation="IIb",
        donor_artery="posterior_tibial",
        target_vein="posterior_tibial",
        stents=[
            Stent(device="Viabahn", manufacturer="Gore", covered=True, diameter_mm=5, length_mm=150)
        ],
        amputation="below_knee",
        major_amputation=True,
        evidence={
            "age_years": [ev("71-year-old man", source="table", section=table)],
            "sex": [ev("71-year-old man", source="table", section=table)],
            "risk_factors": [ev("HTN, DM", source="table", section=table)],
            "rutherford_presentation": [ev("IIb", source="table", section=table)],
            "donor_artery": [ev("PTA \u2192 PTV", source="table", section=table)],
            "stents": [ev("5 mm x 150 mm Viabahn (Gore)", section="Case 1")],
            "amputation": [
                ev("BKA", source="table", section=table),
                ev("below-knee amputation at 3 months", section="Case 1"),
            ],
        },
    )
    p2 = Patient(
        patient_id="2",
        age_years=64,
        sex="female",
        risk_factors=["hyperlipidemia", "smoking"],
        rutherford_presentation="IIa",
        donor_artery="peroneal",
        target_vein="posterior_tibial",
        amputation="transmetatarsal",
        major_amputation=False,
        death=False,
        follow_up_days=182.4,
        evidence={
            "age_years": [ev("64-year-old woman", source="table", section=table)],
            "donor_artery": [ev("The peroneal artery was connected", section="Case 2")],
            "death": [ev("alive with a healed foot", section="Case 2")],
            "follow_up_days": [ev("6-month follow-up", section="Case 2")],
        },
    )
    study = Study(
        title="Percutaneous Deep Vein Arterialization After Failed Thrombolysis: Two Cases",
        authors=["R. Okafor", "L. Brandt"],
        design="case_series",
        indication="ALI",
        n_patients=2,
        reported=Reported(mean_age_years=67.5, n_female=1, n_male=1),
        evidence={
            "title": [ev("Percutaneous Deep Vein Arterialization After Failed Thrombolysis")],
            "n_patients": [ev("Two patients")],
            "reported.mean_age_years": [ev("mean age 67.5")],
        },
    )
    return ExtractionResult(
        source=Source(
            path=str(path),
            sha256=hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
            format="text",
        ),
        study=study,
        patients=[p1, p2],
        conflicts=[
            Conflict(
                patient_id="1",
                field="rutherford_presentation",
                values=["IIb", "III"],
                chosen="IIb",
                evidence=[
                    ev("IIb", source="table", section=table),
                    ev("Rutherford class III", section="Case 1"),
                ],
            )
        ],
        warnings=["Table 1: row 'Outcome' read as amputation level"],
    )


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    """The paper written to a file, as extraction would have read it."""
    path = tmp_path / "okafor-2025-two-cases.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def result(paper: Path) -> ExtractionResult:
    """The hand-built result for the paper."""
    return build_result(paper)


@pytest.fixture
def paper_text() -> str:
    """The paper's text."""
    return TEXT


@pytest.fixture
def page_starts() -> list[int]:
    """Where the paper's two pages start, as a PDF reader would give them."""
    return list(PAGE_STARTS)


@pytest.fixture
def evidence_of():
    """``ev(quote, nth, source, section)``: evidence located in the paper's text."""
    return ev
