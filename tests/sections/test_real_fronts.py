"""Real pages: site furniture, texts without headings, headings in other languages."""

from extract.sections import SectionKind, classify_heading, segment


def test_furniture_lines_are_never_the_title_or_read():
    layout = segment(
        "Skip to main content\n\nAdvertisement\n\n"
        "This browser does not support the Video element.\n\n"
        "Pedal Venous Arterialization in a Dialysis Patient\n\nA. Author, MD\n"
    )
    kinds = [b.kind for b in layout.blocks]
    assert kinds[:3] == ["furniture", "furniture", "furniture"]
    assert layout.blocks[3].kind == "title"
    layout = segment(
        "CHICAGO - It's not uncommon for patients with diabetes, or people who smoke, to have "
        "a foot or part of their leg amputated while battling this disease.\n\nMore text.\n"
    )
    assert layout.sections[-1].kind == SectionKind.BODY and layout.sections[-1].start == 0
    assert (
        segment("August 04, 2017\n\n2 min read\n\nSave\n\nA title\n").blocks[1].kind == "furniture"
    )


def test_text_without_headings_is_the_body_even_cut_mid_sentence():
    layout = segment(
        "Venous arterialization saves a foot\n\n"
        "A 71-year-old man with a non-healing heel ulcer was referred. No bypass target was "
        "found on angiography. Deep vein arterialization was performed from the posterior "
        "tibial artery and the wound closed over the following weeks while he"
    )
    assert layout.sections[-1].kind == SectionKind.BODY


def test_short_news_paragraphs_start_the_body():
    layout = segment(
        "Local man keeps his leg\n\n"
        "Harold Example faced the amputation of his right leg last spring. Doctors at the "
        "county hospital offered a new procedure instead. He said it changed his life.\n"
    )
    assert layout.sections[-1].kind == SectionKind.BODY


def test_a_news_paragraph_of_one_long_sentence_starts_the_body():
    layout = segment(
        "Keyhole surgery saves a toe\n\n"
        "By Staff Writer\n\n"
        "When Mrs Ong Example noticed a small wound on her heel last June, she thought it "
        "would heal on its own within a week or two like every other cut.\n\n"
        "The 68-year-old retired teacher, who has had diabetes for ten years, only saw a "
        "doctor when the wound turned black.\n"
    )
    body = layout.sections[-1]
    assert body.kind == SectionKind.BODY
    assert body.start == layout.blocks[2].start  # the byline stays in the front
    affiliation = segment(
        "Venous arterialization in a dialysis patient\n\n"
        "From the Division of Vascular Surgery, Department of Surgery, Example University "
        "Hospital, Springfield, and the Department of Radiology, Sample Medical Center, "
        "Shelbyville, Ohio\n"
    )
    assert [s.kind for s in affiliation.sections] == [SectionKind.FRONT]


def test_headings_in_spanish_and_portuguese():
    assert classify_heading("PRESENTACIÓN DEL CASO") == SectionKind.CASE
    assert classify_heading("Apresentação do caso") == SectionKind.CASE
    assert classify_heading("Introdução") == SectionKind.INTRODUCTION
    assert classify_heading("DISCUSIÓN") == SectionKind.DISCUSSION
    assert classify_heading("Referências") == SectionKind.REFERENCES


def test_a_whole_text_on_one_line_is_the_body_not_a_title():
    words = (
        "CASE REPORT Thrombosed Popliteal Aneurysm: a Case Report Ann Example 1, Ben Sample 2 "
        "Received: 3 May 2012 Abstract- Popliteal aneurysms may thrombose. Case Report A "
        "67-year-old man presented with a cold, painful left foot and an absent popliteal pulse. "
        "Angiography showed a thrombosed aneurysm with poor runoff. He underwent thrombolysis "
        "followed by a bypass from the superficial femoral artery to the tibioperoneal trunk."
    )
    layout = segment(words)
    assert [b.kind for b in layout.blocks] == ["paragraph"]
    assert layout.sections[-1].kind == SectionKind.BODY


def test_cited_papers_after_the_text_are_the_references_without_a_heading():
    layout = segment(
        "Thrombosis of a popliteal aneurysm\n\n"
        "This is a case of a 95 year old man with acute onset leg pain. He underwent open "
        "repair with a Dacron graft and improved.\n\nFull Text:\n\n"
        "Example AB, Sample C, Test D, et al. Endovascular treatment of popliteal aneurysm. "
        "J Cardiovasc Surg (Torino). 2007;48:267-74.\n\n"
        "Other E, Another F. Popliteal artery aneurysms. J Vasc Surg. 2004;39:1171-7.\n"
    )
    assert [s.kind for s in layout.sections][-1] == SectionKind.REFERENCES
    assert layout.sections[-1].start == layout.blocks[3].start
    one = segment("A case\n\nMiller AB, Jones C, Smith D. A study. Surgery. 2001;1:1-2.\n")
    assert SectionKind.REFERENCES not in [s.kind for s in one.sections]  # one entry: no list
