"""Author names: surnames for first_author and "Surname Year" study labels."""

import pytest

from schemas.names import first_author, study_label, surname


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Jane Q. Smith", "Smith"),
        ("Smith JQ", "Smith"),
        ("Smith, Jane", "Smith"),
        ("van der Berg A", "van der Berg"),
        ("Jorien van der Made", "van der Made"),
        ("Fionnuala Ní Bhriain", "Ní Bhriain"),
        ("Saskia de Roos", "de Roos"),
        ("Davide Lo Russo", "Lo Russo"),
        ("Eduardo P. Campos Neto", "Campos Neto"),
        ("ZHANG Weiming", "Zhang"),
        ("LIU Xiaohong", "Liu"),
        ("JQ Smith", "Smith"),
        ("P.-Y. Rousseau", "Rousseau"),
        ("Lukas Brandstätter1*", "Brandstätter"),
    ],
)
def test_surname_reads_each_printed_form(printed, expected):
    assert surname(printed) == expected


def test_study_label_is_surname_and_year():
    authors = ["Hanneke de Wit-Bos", "Sander P. Kuipers"]
    assert first_author(authors) == "de Wit-Bos"
    assert study_label(authors, 2023) == "de Wit-Bos 2023"
    assert study_label(authors, None) == "de Wit-Bos"
    assert study_label([], 2023) is None
