"""The corpus gold through the analysis: the per-study counts it gives are the gold's own counts
(what the analysis will show once extraction is perfect), and the gold is internally consistent."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_builders import write_tables

from extract.analysis.counts import count_outcomes
from extract.analysis.inputs import load_tables
from extract.evaluation.gold import load_gold
from extract.export.flatten import major_of
from extract.export.summary import headline_outcome
from schemas.models import ExtractionResult, Patient, Source

GOLD = Path(__file__).resolve().parents[2] / "gold"
AGGREGATE = {"D06", "X06", "H06", "B07", "F07", "G06", "K06", "M06", "N06", "P06"}


def _docs():
    return [
        (p.relative_to(GOLD).with_suffix("").as_posix(), load_gold(p).doc)
        for p in sorted(GOLD.rglob("*.json"))
        if p.relative_to(GOLD).parts[0] != "real"  # the corpus's own papers, not real texts
    ]


def _result(doc) -> ExtractionResult:
    patients = [Patient.model_validate(p.model_dump(exclude={"also_ok"})) for p in doc.patients]
    source = Source(path="gold.txt", sha256="0" * 64, format="text")
    return ExtractionResult(source=source, study=doc.study, patients=patients)


def test_gold_every_aggregate_paper_has_reported_counts_within_their_totals():
    seen = set()
    for name, doc in _docs():
        outcomes = doc.study.reported.outcomes
        if outcomes:
            seen.add(Path(name).name.split("-")[0])
        for item in outcomes:
            assert 0 <= item.events <= item.total, (name, item)
            assert doc.study.n_patients is None or item.total <= 2 * doc.study.n_patients, name
    assert seen == AGGREGATE


def test_gold_event_days_fall_within_follow_up_and_match_the_event_flags():
    n = 0
    for name, doc in _docs():
        for p in doc.patients:
            for days, flag in (
                (p.days_to_major_amputation, major_of(p)),
                (p.days_to_death, p.death),
            ):
                if days is None:
                    continue
                n += 1
                assert flag is True, (name, p.patient_id)
                assert p.follow_up_days is None or days <= p.follow_up_days + 0.05, (
                    name,
                    p.patient_id,
                )
    assert n >= 60


@pytest.fixture(scope="module")
def gold_counts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gold-tables")
    docs = _docs()
    write_tables(folder, [(name.replace("/", "_"), _result(doc)) for name, doc in docs])
    return docs, count_outcomes(load_tables(folder / "pooled.csv"))


def test_analysis_of_the_gold_gives_the_aggregate_papers_reported_counts(gold_counts):
    docs, counts = gold_counts
    for name, doc in docs:
        sid = name.replace("/", "_")
        got = {r["outcome"]: (r["events"], r["total"]) for r in counts.rows if r["study_id"] == sid}
        keys = {item.outcome for item in doc.study.reported.outcomes}
        for key in keys:
            chosen = headline_outcome([o for o in doc.study.reported.outcomes if o.outcome == key])
            assert got[key] == (chosen.events, chosen.total), (name, key)


def test_analysis_of_the_gold_counts_the_patients_major_amputations(gold_counts):
    docs, counts = gold_counts
    for name, doc in docs:
        known = [major_of(p) for p in doc.patients if major_of(p) is not None]
        rows = [r for r in counts.rows if r["study_id"] == name.replace("/", "_")]
        major = [r for r in rows if r["outcome"] == "major_amputation"]
        if known:
            assert [(r["events"], r["total"], r["source"]) for r in major] == [
                (sum(known), len(known), "patients")
            ], name
