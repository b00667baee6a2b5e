"""Hypothesis strategies: random DVA case reports built from the pattern vocabularies.

Each generated report plants known values (age, sex, risk factors, donor artery, target vein,
stents, amputation, follow-up) in random sentence templates and orders, and carries them as
``CaseReport.planted`` so a test can check that extraction finds them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from schemas.vocab import load

EXAMPLES = int(os.environ.get("DVA_FUZZ_EXAMPLES", "30"))


def fuzz_settings(share: float = 1.0) -> settings:
    """Bounded, deadline-free settings; ``DVA_FUZZ_EXAMPLES`` scales every test (CI keeps 30)."""
    return settings(
        max_examples=max(5, int(EXAMPLES * share)),
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- vocabulary ---------------------------------------------------------------------------

_DVA_VESSELS = ("anterior_tibial", "posterior_tibial", "peroneal")


def _first_term(vocab: str, key: str) -> str:
    return load(vocab).concepts[key].terms[0]


def _circuit_devices() -> list[tuple[str, str]]:
    """(written brand, canonical key) of every covered device that can line a DVA circuit."""
    devices = load("devices")
    return [
        (key, key)
        for key in devices.keys()
        if devices.attr(key, "covered") and devices.attr(key, "kind") != "system"
    ]


RISK_FACTOR_WORDS = {
    "hypertension": "hypertension",
    "diabetes": "diabetes mellitus",
    "hyperlipidemia": "hyperlipidemia",
    "chronic_kidney_disease": "chronic kidney disease",
    "coronary_artery_disease": "coronary artery disease",
    "atrial_fibrillation": "atrial fibrillation",
    "copd": "chronic obstructive pulmonary disease",
}
assert set(RISK_FACTOR_WORDS) <= set(load("risk_factors").keys())

AMPUTATIONS = ["transmetatarsal", "below_knee", "above_knee"]

SIZE_FORMS = [
    "{d}×{l} mm",
    "{d} × {l} mm",
    "{d} x {l}mm",
    "{d}X{l}mm",
    "{d} mm × {l} mm",
    "{d}-mm by {l}-mm",
]

SEX_WORDS = {"female": ["woman", "female patient", "lady"], "male": ["man", "male patient"]}
PRONOUN = {"female": "She", "male": "He"}

FILLER = [
    "Duplex ultrasound showed monophasic flow at the ankle.",
    "Pedal pulses were absent on both sides.",
    "The wound was managed with weekly sharp debridement and offloading.",
    "Transcutaneous oxygen pressure improved over the following weeks.",
    "Aspirin and clopidogrel were continued after the procedure.",
    "Informed consent was obtained for publication.",
    "The foot was warm on the first postoperative day.",
]


@dataclass
class CaseReport:
    """A generated paper and the values planted in it."""

    text: str
    planted: dict = field(default_factory=dict)


@st.composite
def stents(draw) -> list[tuple[str, str, int, int, str]]:
    """1-3 circuit stents of distinct sizes: (written device, key, diameter, length, size text).

    Sizes are distinct because a size repeated in two sentences is, by design, read as one stent
    mentioned twice (see ``extract.fields.stents``).
    """
    devices = _circuit_devices()
    sizes = draw(
        st.lists(
            st.tuples(st.sampled_from([4, 5, 6, 7, 8]), st.sampled_from([40, 60, 80, 100, 150])),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    out = []
    for diameter, length in sizes:
        written, key = draw(st.sampled_from(devices))
        form = draw(st.sampled_from(SIZE_FORMS))
        out.append((written, key, diameter, length, form.format(d=diameter, l=length)))
    return out


@st.composite
def case_reports(draw) -> CaseReport:
    """A single-patient DVA case report with planted, known values."""
    age = draw(st.integers(min_value=30, max_value=95))
    sex = draw(st.sampled_from(["female", "male"]))
    sex_word = draw(st.sampled_from(SEX_WORDS[sex]))
    vessel = draw(st.sampled_from(_DVA_VESSELS))
    factors = draw(st.lists(st.sampled_from(sorted(RISK_FACTOR_WORDS)), unique=True, max_size=4))
    devices = draw(stents())
    amputation = draw(st.sampled_from([None, *AMPUTATIONS]))
    months = draw(st.integers(min_value=3, max_value=24))
    fillers = draw(st.lists(st.sampled_from(FILLER), max_size=3))
    he_she = PRONOUN[sex]

    article = "An" if str(age).startswith(("8", "11", "18")) else "A"
    comorbid = ""
    if factors:
        words = [RISK_FACTOR_WORDS[f] for f in factors]
        listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        comorbid = draw(
            st.sampled_from(
                [f" with {listed}", f" with a history of {listed}", f" known to have {listed}"]
            )
        )
    presentation = draw(
        st.sampled_from(
            [
                f"{article} {age}-year-old {sex_word}{comorbid} presented with a nonhealing "
                "ulcer of the left forefoot and rest pain.",
                f"{article} {age}-year-old {sex_word}{comorbid} was referred for gangrene of the "
                "right hallux.",
            ]
        )
    )
    artery, vein = _first_term("arteries", vessel), _first_term("veins", vessel)
    procedure = draw(
        st.sampled_from(
            [
                f"Percutaneous deep vein arterialization was performed from the {artery} into "
                f"the {vein}.",
                f"A crossing was created from the {artery} to the {vein}, and the venous valves "
                "were disrupted with a valvulotome.",
            ]
        )
    )
    stent_sentences = [
        f"A {size} {written} stent graft was deployed in the arterialized vein."
        for written, _key, _d, _l, size in devices
    ]
    if amputation is None:
        outcome = "No amputation was performed and the wound healed."
    else:
        level = _first_term("amputation_levels", amputation)
        outcome = f"{he_she} later underwent a {level} for progressive necrosis."
    follow = draw(
        st.sampled_from(
            [
                f"At {months} months of follow-up {he_she.lower()} was alive.",
                f"{he_she} was alive at the last follow-up visit, {months} months after the "
                "procedure.",
            ]
        )
    )
    body = [presentation, *fillers[:1], procedure, *stent_sentences, *fillers[1:]]
    text = "\n\n".join(
        [
            "# Deep Vein Arterialization for Chronic Limb-Threatening Ischemia: A Case Report",
            "## Case Presentation",
            " ".join(body),
            "## Outcome",
            f"{outcome} {follow}",
        ]
    )
    planted = {
        "age_years": age,
        "sex": sex,
        "risk_factors": set(factors),
        "donor_artery": vessel,
        "target_vein": vessel,
        "stent_sizes": sorted((float(d), float(length)) for _w, _k, d, length, _s in devices),
        "amputation": amputation or "none",
        "follow_up_days": round(months * 30.4, 1),
        "death": False,
    }
    return CaseReport(text=text, planted=planted)


# --- raw input ----------------------------------------------------------------------------

PAPER_WORDS = [
    "A 64-year-old woman",
    "Rutherford 5",
    "5 × 150 mm Viabahn",
    "| 1 | 72/M | PT |",
    "Case 1",
    "Patient A.",
    "\t",
    "\n",
    "\r\n",
    "## Results",
    "BKA",
    "posterior tibial vein",
    "follow-up of 12 months",
    "µ",
    "×",
    "–",
    "\u2011",
    "\ufeff",
    "\x0c",
]

paper_like_text = st.lists(
    st.one_of(st.sampled_from(PAPER_WORDS), st.text(max_size=20)), max_size=40
).map("".join)
"""Strings mixing paper vocabulary, table syntax and arbitrary Unicode."""

raw_bytes = st.one_of(
    st.binary(max_size=2048),
    paper_like_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
    paper_like_text.map(lambda s: s.encode("latin-1", "replace")),
    st.binary(max_size=512).map(lambda b: b"%PDF-1.7\n" + b + b"\n%%EOF\n"),
)
"""Bytes a reader may be handed: noise, text in two encodings, and PDF-shaped junk."""
