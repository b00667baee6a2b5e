"""`dva_patients`: the patients the paper describes individually, on ``doc._.patients``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.docattrs import register
from extract.errors import ExtractError
from extract.patients.scopes import excluded_reason, find_patients


class Patients:
    """Patient scopes (the units of each patient); patients the paper leaves out are warned of."""

    def __init__(self, name: str) -> None:
        self.name = name
        register()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.units is None:
            raise ExtractError(f"{self.name} needs dva_units before it in the pipeline")
        scopes, notes = [], []
        for scope in find_patients(doc):
            reason = excluded_reason(scope)
            if reason:
                notes.append(f"patient {scope.patient_id} left out: the paper says {reason!r}")
            else:
                scopes.append(scope)
        doc._.patients = scopes
        doc._.warnings = [*(doc._.warnings or []), *notes]
        return doc


@Language.factory(
    "dva_patients",
    assigns=["doc._.patients"],
    requires=["doc._.units"],
    default_config={},
)
def make_patients(nlp: Language, name: str) -> Patients:
    """Factory of the patients component."""
    return Patients(name)
