"""Sections: headings found by form, per-case scopes, captions and table blocks."""

from extract.sections import classify_heading, heading_text, patient_label, segment


def test_sections_markdown_numbered_caps_bold_and_plain_headings():
    assert heading_text("## Case Presentation") == "Case Presentation"
    assert heading_text("2.1. Patients") == "Patients"
    assert heading_text("3 | RESULTS") == "RESULTS"
    assert heading_text("DISCUSSION") == "DISCUSSION"
    assert heading_text("**Conclusion**") == "Conclusion"
    assert heading_text("Figure Legends") == "Figure Legends"
    assert heading_text("The foot was warm on the first day.") is None


def test_sections_classify_heading_kinds():
    assert classify_heading("Case Report") == "case"
    assert classify_heading("Outcome and Follow-up") == "results"
    assert classify_heading("Materials and Methods") == "methods"
    assert classify_heading("Conflicts of interest") == "back"
    assert classify_heading("Patient B") == "case"


def test_sections_patient_labels_need_a_separate_id():
    assert patient_label("Patient 2") == "2"
    assert patient_label("**Case B.**") == "B"
    assert patient_label("Patients") is None
    assert patient_label("Case reports") is None


def test_sections_case_headings_scope_following_paragraphs():
    text = (
        "A title\n\nIntroduction\n\nVenous arterialization is old.\n\n### Case 1\n\n"
        "A 70-year-old man.\n\nHe did well.\n\n### Case 2\n\nAn 80-year-old woman.\n\n"
        "Discussion\n\nBoth did well.\n"
    )
    layout = segment(text)
    paragraphs = [b for b in layout.blocks if b.kind == "paragraph"]
    assert [b.patient for b in paragraphs] == [None, "1", "1", "2", None]
    assert layout.section_of(paragraphs[-1]).kind == "discussion"


def test_sections_runin_patient_paragraph_scopes_only_itself():
    text = (
        "Title\n\nResults\n\nCase 1, a 66-year-old woman, healed.\n\n"
        "Case 2, a 71-year-old man, died.\n\nOverall, TcPO2 rose in both.\n"
    )
    paragraphs = [b for b in segment(text).blocks if b.kind == "paragraph"]
    assert [b.patient for b in paragraphs] == ["1", "2", None]


def test_sections_runin_caps_heading_opens_a_section_but_not_inside_abstract():
    text = (
        "Title\n\nABSTRACT: We report a case.\n\n**Results:** It worked.\n\n"
        "KEY WORDS: ischemia\n\nCASE REPORT: A 62-year-old man presented.\n\n"
        "DISCUSSION: It worked.\n"
    )
    layout = segment(text)
    kinds = [s.kind for s in layout.sections]
    assert kinds == ["front", "abstract", "keywords", "case", "discussion"]


def test_sections_figure_caption_and_table_blocks():
    text = (
        "Title\n\nMethods\n\nTable 1. Patients\n\nPt\tAge\n1\t70\n\n"
        "Abbreviations: Pt, patient.\n\n**Figure 1.** Angiogram of patient 1.\n"
    )
    kinds = [b.kind for b in segment(text).blocks]
    assert kinds == ["title", "heading", "table_caption", "table", "footnote", "figure"]


def test_sections_article_type_label_is_not_the_title():
    layout = segment("CASE REPORT\n\nVenous arterialization in a young woman\n\nAuthors\n")
    assert [b.kind for b in layout.blocks][:2] == ["article_type", "title"]


def test_sections_ordinal_patient_paragraphs():
    text = (
        "Title\n\nCase series\n\nThe first patient, a 65-year-old woman, had rest pain.\n\n"
        "The second patient was a 70-year-old man.\n\nBoth patients were treated.\n"
    )
    paragraphs = [b for b in segment(text).blocks if b.kind == "paragraph"]
    assert [b.patient for b in paragraphs] == ["1", "2", None]


def test_sections_article_type_line_with_access_label():
    layout = segment(
        "CASE REPORT          Open Access\n\nDVA after failed thrombectomy\n\nA. Author\n"
    )
    assert [b.kind for b in layout.blocks][:2] == ["article_type", "title"]
