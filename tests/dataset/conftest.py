"""Papers for the dataset tests: a meeting abstract and the later case report of the same patient,
and a series from another centre; a stand-in reviewer's corrections file."""

from __future__ import annotations

from pathlib import Path

import pytest

ABSTRACT = """WESTERN LIMB SALVAGE SOCIETY — 2024 ANNUAL MEETING
Abstracts of the Vascular Session, Sacramento, 9–11 May 2024

J Limb Salv Meet Abstr 2024;5(Suppl 2):S118

A-212
PERCUTANEOUS DEEP VENOUS ARTERIALIZATION FOR A NON-HEALING HEEL ULCER IN A PATIENT ON \
HEMODIALYSIS

Marta K. Oyelowo, Devin R. Castellano, Yusuf Haddad
Vascular Surgery, Sierra Foothills Regional Medical Center, Auburn, CA, USA

Background: Patients on hemodialysis with chronic limb-threatening ischemia (CLTI) often have \
no tibial target.

Case: A 71-year-old man on hemodialysis with diabetes and hypertension presented with a \
non-healing heel ulcer (Rutherford 5). Angiography showed occlusion of all tibial arteries. \
Percutaneous deep venous arterialization (pDVA) was performed from the posterior tibial artery \
into the posterior tibial vein, and two Viabahn stent grafts (6 x 150 mm and 5 x 100 mm) were \
placed across the crossing zone. At 3 months the wound was granulating and no amputation had \
been needed.

Conclusion: pDVA is feasible in dialysis patients with heel ulcers; longer follow-up will be \
reported.
"""

CASE_REPORT = """Percutaneous deep venous arterialization for a heel ulcer in a patient on \
hemodialysis: healing at one year

Marta K. Oyelowo, MD; Yusuf Haddad, MD; Lena P. Whitcombe, MD

Department of Vascular Surgery, Sierra Foothills Regional Medical Center, Auburn, California, \
USA

J Vasc Case Rep Limb Salv. 2025;9(2):e0144. doi:10.9999/jvcrls.2025.0144

Abstract
We describe a 71-year-old man on maintenance hemodialysis whose heel ulcer healed after \
percutaneous deep venous arterialization. An earlier report of this patient was presented as a \
meeting abstract.

Case Report
A 71-year-old man with end-stage renal disease on hemodialysis, type 2 diabetes and \
hypertension was referred with a non-healing ulcer of the right heel (Rutherford class 5). He \
was an ex-smoker. Angiography showed occlusion of the anterior tibial, posterior tibial and \
peroneal arteries with no pedal target.

Percutaneous deep venous arterialization was performed from the posterior tibial artery into \
the posterior tibial vein. Two Viabahn stent grafts (6 x 150 mm and 5 x 100 mm) were deployed \
across the crossing zone and into the vein.

At 6 weeks the venous outflow was dilated with a 3 mm balloon because of a stenosis. The ulcer \
healed at 7 months, no amputation was needed and he was alive and walking at 12-month follow-up.
"""

OTHER_SERIES = """Deep vein arterialization in two patients with no-option limb ischemia

Ana B. Ferreira, MD; Tomas Lind, MD

Department of Surgery, Fjordside University Hospital, Bergen, Norway

Nord J Vasc Cases. 2024;2:e0021. doi:10.9999/njvc.2024.0021

Patient 1. A 71-year-old man with diabetes underwent deep vein arterialization from the \
peroneal artery into the peroneal vein. A below-knee amputation was performed at 2 months.

Patient 2. A 64-year-old woman with hypertension underwent deep vein arterialization from the \
anterior tibial artery into the anterior tibial vein. She healed without amputation at 6 months.
"""

PAPERS = {
    "abstract-2024.txt": ABSTRACT,
    "case-report-2025.txt": CASE_REPORT,
    "other-series-2024.txt": OTHER_SERIES,
}


@pytest.fixture
def papers_dir(tmp_path: Path) -> Path:
    """A folder holding the three papers."""
    folder = tmp_path / "papers"
    folder.mkdir()
    for name, text in PAPERS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
