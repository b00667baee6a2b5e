"""One field table: models, evaluation, review page and export are all built from it."""

from extract.evaluation.fields import ALL_FIELDS
from extract.export.columns import columns
from extract.review.spec import specs
from schemas.fields import fields
from schemas.models import ExtractionResult, Patient, Reported, Study

MODELS = {"study": Study, "reported": Reported, "patient": Patient}


def test_field_table_every_field_is_in_its_model_with_its_description():
    for entry in fields():
        info = MODELS[entry.scope].model_fields[entry.name]
        assert info.description == entry.description, entry.name


def test_field_table_models_have_no_field_the_table_does_not_name():
    for scope, model in MODELS.items():
        named = {f.name for f in fields(scope)} | {"reported", "evidence"}
        assert set(model.model_fields) <= named, scope


def test_field_table_drives_what_evaluation_scores():
    scored = {(f.scope == "patient", f.path) for f in fields() if f.score}
    specs_seen = {(s.scope == "patient", ".".join(s.path)) for s in ALL_FIELDS}
    assert specs_seen == scored


def test_field_table_drives_the_review_rows():
    rows = {s.name for scope in ("study", "patient") for s in specs()[scope]}
    assert rows == {f.path for f in fields() if f.review}


def test_field_table_drives_the_exported_columns():
    pooled = {c.name: c for c in columns("pooled")}
    for entry in fields():
        if entry.export:
            assert entry.export in pooled, entry.name
            assert pooled[entry.export].description == entry.description


def test_field_table_schema_has_descriptions_and_the_vocabularies():
    schema = ExtractionResult.model_json_schema()
    age = schema["$defs"]["Patient"]["properties"]["age_years"]
    assert age["description"].startswith("age in years")
    vein = schema["$defs"]["Patient"]["properties"]["target_vein"]
    assert "cephalic" in str(vein)
