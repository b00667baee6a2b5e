"""The JSON contract of `extract` (schema_version 1.0) and the gold format, as pydantic v2 models.

Categorical fields are validated against the shared vocabularies in ``schemas.vocab``: a written
form ("BKA", "Ila", "PTA") is normalised to its canonical key, an unknown value is an error.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    create_model,
)

from schemas.fields import annotation
from schemas.fields import fields as table
from schemas.vocab import load, rutherford_key

SCHEMA_VERSION = "1.0"


def _vocab_type(name: str, normalizer=None):
    """A str constrained to the keys of vocabulary ``name`` (written forms normalised)."""
    vocab = load(name)

    def check(value: Any) -> Any:
        if value is None:
            return None
        key = normalizer(value) if normalizer else vocab.normalize(value)
        if key is None:
            raise ValueError(
                f"{value!r} is not in the {name} vocabulary ({', '.join(vocab.keys())})"
            )
        return key

    return Annotated[
        str,
        BeforeValidator(check),
        WithJsonSchema({"type": "string", "enum": vocab.keys()}),
    ]


Artery = _vocab_type("arteries")
Vein = _vocab_type("veins")
RiskFactor = _vocab_type("risk_factors")
AmputationLevel = _vocab_type("amputation_levels")
RutherfordClass = _vocab_type("rutherford", rutherford_key)
Indication = _vocab_type("indications")
OutcomeName = _vocab_type("outcomes")


def _sex(value: Any) -> Any:
    if isinstance(value, str):
        folded = value.strip().lower()
        return {"f": "female", "m": "male", "woman": "female", "man": "male"}.get(folded, folded)
    return value


Sex = Annotated[Literal["female", "male"], BeforeValidator(_sex)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Evidence(_Model):
    """Where a value stands: ``quote == document_text[start:end]``."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = None
    section: str | None = None
    source: Literal["table", "text"] = "text"


EvidenceMap = dict[str, list[Evidence]]


class Source(_Model):
    """The file a result was read from."""

    path: str
    sha256: str
    format: Literal["text", "pdf"]
    pages: int | None = None


class ReportedOutcome(_Model):
    """An outcome the paper reports as a count: ``events`` of ``total`` (at ``time_days``)."""

    outcome: OutcomeName
    events: int = Field(ge=0)
    total: int = Field(ge=1)
    time_days: float | None = Field(default=None, ge=0)


def _device(value: Any) -> Any:
    """A known brand in its vocabulary spelling ("Fluency Plus" -> "Fluency"); others as written."""
    if isinstance(value, str):
        return load("devices").normalize(value) or value.strip()
    return value


class Stent(_Model):
    """One device placed in the DVA circuit."""

    device: Annotated[str, BeforeValidator(_device)] | None = None
    manufacturer: str | None = None
    covered: bool | None = None
    diameter_mm: float | None = None
    length_mm: float | None = None


class PriorDVA(_Model):
    """An earlier DVA of the same limb that was revised."""

    donor_artery: Artery | None = None
    target_vein: Vein | None = None


def _fields(scope: str) -> dict[str, Any]:
    """The pydantic fields of ``scope`` built from the field table (schemas/fields.toml)."""
    types = {f"vocab:{name}": kind for name, kind in _VOCAB_TYPES.items()}
    types |= {"sex": Sex, "stent": Stent, "prior_dva": PriorDVA, "outcome": ReportedOutcome}
    out: dict[str, Any] = {}
    for entry in table(scope):
        kind = annotation(entry, types)
        bounds = {k: v for k, v in (("ge", entry.min), ("le", entry.max)) if v is not None}
        if entry.type == "list":
            spec = Field(default_factory=list, description=entry.description)
        elif entry.required:
            spec = Field(description=entry.description, **bounds)
        else:
            kind = kind | None
            spec = Field(default=None, description=entry.description, **bounds)
        out[entry.name] = (kind, spec)
    return out


_VOCAB_TYPES = {
    "arteries": Artery,
    "veins": Vein,
    "risk_factors": RiskFactor,
    "amputation_levels": AmputationLevel,
    "rutherford": RutherfordClass,
    "indications": Indication,
}

Reported = create_model(
    "Reported",
    __base__=_Model,
    __doc__="Pooled summaries as the paper reports them (not recomputed).",
    **_fields("reported"),
)
Study = create_model(
    "Study",
    __base__=_Model,
    __doc__="Study-level facts.",
    **_fields("study"),
    reported=(Reported, Field(default_factory=Reported, description="the paper's pooled figures")),
    evidence=(EvidenceMap, Field(default_factory=dict, description="where each value stands")),
)
Patient = create_model(
    "Patient",
    __base__=_Model,
    __doc__="One patient as the paper describes them.",
    **_fields("patient"),
    evidence=(EvidenceMap, Field(default_factory=dict, description="where each value stands")),
)


class Conflict(_Model):
    """Two readings of one field; ``chosen`` is the one in the output."""

    patient_id: str | None = None
    field: str
    values: list[Any]
    chosen: Any = None
    evidence: list[Evidence] = Field(default_factory=list)


class ExtractionResult(_Model):
    """What `extract paper` prints: one paper's study facts and patients."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    study: Study = Field(default_factory=Study)
    patients: list[Patient] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class GoldPatient(Patient):
    """A gold patient; ``also_ok`` lists other acceptable values of a field."""

    also_ok: dict[str, list[Any]] = Field(default_factory=dict)


class GoldDocument(_Model):
    """A gold annotation: the output contract with evidence and source optional."""

    about: str | None = Field(default=None, validation_alias=AliasChoices("_about", "about"))
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source | None = None
    study: Study = Field(default_factory=Study)
    patients: list[GoldPatient] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
