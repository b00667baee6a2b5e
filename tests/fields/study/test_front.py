"""Titles and author lines as indexes, journals and web pages print them."""

import pytest


def _study(run, text):
    return run(text).study


def test_front_site_furniture_and_banners_are_not_the_title(run):
    study = _study(
        run,
        "Skip to main content\n\nAdvertisement\n\nCase Series\n\n"
        "Pedal Venous Arterialization After Failed Bypass: A Case Series\n\n"
        "Anna Example, DPM; Ben Sample DPM, FACFAS\n\nJuly 2021\n\nAbstract\n\n"
        "We present three patients treated with pedal venous arterialization.\n",
    )
    assert study.title == "Pedal Venous Arterialization After Failed Bypass: A Case Series"
    assert study.authors == ["Anna Example", "Ben Sample"]
    assert (study.first_author, study.study_label) == ("Example", "Example 2021")


def test_front_ris_record_gives_title_authors_and_year(run):
    study = _study(
        run,
        "TY  - JOUR\nT1  - Venous Arterialization for the Desert Foot\nAU  - Example, Anna B.\n"
        "AU  - Sample, Carl\nPY  - 2022\nN2  - Twelve patients underwent venous arterialization.\n",
    )
    assert study.title == "Venous Arterialization for the Desert Foot"
    assert study.authors == ["Example, Anna B.", "Sample, Carl"]
    assert (study.first_author, study.year) == ("Example", 2022)


def test_front_vancouver_author_line_before_the_citation(run):
    study = _study(
        run,
        "Example A, Sample J M, Tester R\nJ Vasc Examples (Torino). 1986 Jul-Aug;12(4):301-5.\n"
        "Eight patients with rest pain underwent arterialization of the foot veins.\n",
    )
    assert study.authors == ["Example A", "Sample J M", "Tester R"]
    assert (study.journal, study.year) == ("J Vasc Examples (Torino)", 1986)


def test_front_one_name_a_line_with_roles_and_affiliations(run):
    study = _study(
        run,
        "IR 2025\nEducational Exhibit\nDeep Vein Arterialization for the No-Option Foot\n"
        "Anna Example, MD\nResident\nExample University, United States\n"
        "Carl Sample, MD, FSIR\nAssociate Professor\nExample University, United States\n\n"
        "Deep vein arterialization is a last resort for patients with no option.\n",
    )
    assert study.title == "Deep Vein Arterialization for the No-Option Foot"
    assert study.authors == ["Anna Example", "Carl Sample"]
    assert study.year == 2025


def test_front_labelled_authors_surname_first(run):
    study = _study(
        run,
        "Percutaneous Venous Arterialization in End-Stage Plantar Disease\n\n"
        "Main Authors Example, Anna B., Sample, Carl\n\n"
        "Summary: the outcomes of 40 patients treated with percutaneous venous "
        "arterialization are described.\n",
    )
    assert study.authors == ["Example, Anna B.", "Sample, Carl"]


def test_front_the_next_article_link_names_another_paper(run):
    study = _study(
        run,
        "Next Article in Journal\nA Study of Something Else Entirely\n"
        "Previous Article in Journal\nAnother Unrelated Paper Title Here\n\nArticle\n\n"
        "Surgical Deep Vein Arterialization With Embolization of Side Branches\n\nby\n"
        "Anna Example\n1,*,\nCarl Sample\n2 and\nDora Tester\n\n"
        "Background: ten patients underwent surgical deep vein arterialization.\n",
    )
    assert study.title == "Surgical Deep Vein Arterialization With Embolization of Side Branches"
    assert study.authors == ["Anna Example", "Carl Sample", "Dora Tester"]


def test_front_author_lines_with_marks_degrees_and_a_place(run):
    study = _study(
        run,
        "Deep Venous Arterialization for a Heel Ulcer\n\n"
        "Marta T. Exemplo, MD,a Daniel R. Sample, MD,a and Owen K. Tester, MD, FACSb, "
        "Omaha, Neb\n\n"
        "From the Division of Vascular Surgery.\n",
    )
    assert study.authors == ["Marta T. Exemplo", "Daniel R. Sample", "Owen K. Tester"]


def test_front_author_lines_with_superscripts_accents_and_capital_surnames(run):
    assert _study(
        run,
        "Venous Arterialization of the Foot\n\n"
        "H. Tanaka-Ruiz¹, Álvaro Benítez Moya², C. Lefebvre-Arnaud (a,*)\n",
    ).authors == ["H. Tanaka-Ruiz", "Álvaro Benítez Moya", "C. Lefebvre-Arnaud"]
    assert _study(
        run, "Venous Arterialization: Four Cases\n\nZHANG Weiming, LIU Xiaohong, CHEN Jiaqi*\n"
    ).authors == ["ZHANG Weiming", "LIU Xiaohong", "CHEN Jiaqi"]


def test_front_an_abbreviated_journal_or_an_institution_is_no_author(run):
    study = _study(
        run,
        "Venous Arterialization in Three Patients\n\n"
        "Department of Cardiovascular Surgery, Example Training Hospital\n\n"
        "Turk J Limb Vasc Interv 2023;31(4):227-233\n",
    )
    assert study.authors == []


def test_front_year_not_from_a_correction_notice_nor_inside_a_doi(run):
    study = _study(
        run,
        "Deep venous arterialization in five patients\n\n- DOI: 10.1016/j.jexv.2017.04.011\n"
        "A Correction to this article was published on 12 March 2019\n\nAbstract\n\n"
        "Five patients underwent deep venous arterialization.\n",
    )
    assert study.year is None


def test_front_year_of_a_press_release_dateline(run):
    study = _study(
        run,
        "Late-breaking trials announced\n"
        "CHICAGO, Nov. 3, 2022 /Newswire/ -- The society announces results of a deep vein "
        "arterialization trial.\n",
    )
    assert study.year == 2022


def test_front_year_of_a_blog_date_in_portuguese_or_spanish(run):
    study = _study(
        run,
        "ARTERIALIZAÇÃO VENOSA DO PÉ\n\nA técnica de arterialização venosa do pé.\n\n"
        "segunda-feira, 4 de maio de 2015\n\nCONSIDERAÇÕES\n\nTexto do blog.\n",
    )
    assert study.year == 2015


def test_front_year_of_the_meeting_named_in_a_news_sentence(run):
    study = _study(
        run,
        "Venous arterialization registry shows durable results\n\n"
        "The data were presented to delegates attending the virtual 2021 annual meeting of "
        "the society. Thirty patients were treated with deep vein arterialization.\n",
    )
    assert study.year == 2021


def test_front_year_of_a_journal_header_with_volume_and_article(run):
    study = _study(
        run,
        "Vascular Case Examples (2024) 9:17\nhttps://doi.org/10.9999/vce.2023.0017\n\n"
        "Deep vein arterialization for acute ischemia\n\nA 61-year-old man underwent DVA.\n",
    )
    assert study.year == 2024


def test_front_a_company_line_and_a_press_release_banner_are_not_the_title(run):
    study = _study(
        run,
        "Example Health Partners Inc.\n\n"
        "03/14/2024 | Press release | Distributed by Public on 03/14/2024 09:00\n\n"
        "Hospital Study Shows Venous Arterialization Saves Limbs\n\n"
        "CLEVELAND - Forty patients were treated with deep vein arterialization.\n",
    )
    assert study.title == "Hospital Study Shows Venous Arterialization Saves Limbs"


def test_front_the_headline_above_a_byline_is_the_title_not_the_masthead(run):
    study = _study(
        run,
        "The Example Times\n\nHospital debuts procedure to restore blood flow to leg\n\n"
        "- By Ann Writer STAFF WRITER\n\nA 78-year-old woman had a deep vein arterialization.\n",
    )
    assert study.title == "Hospital debuts procedure to restore blood flow to leg"
    assert study.authors == ["Ann Writer"]


def test_front_a_written_by_byline_gives_the_author_before_her_role(run):
    study = _study(
        run,
        "Example Cures\n\nSpotlight: a new option for no-option patients\n\n"
        "Written by Kim Example, Founder of The Example Network\n\n"
        "Deep vein arterialization was discussed with the company's chief executive.\n",
    )
    assert study.title == "Spotlight: a new option for no-option patients"
    assert study.authors == ["Kim Example"]


def test_front_a_standfirst_above_the_byline_leaves_the_short_title(run):
    study = _study(
        run,
        "Percutaneous Deep Venous Arterialization\n\n"
        "A brief technical overview of a new therapy for no-option limb ischemia.\n\n"
        "By Anna Example, MD; Ben Sample, MD\n\nCritical limb ischemia is common.\n",
    )
    assert study.title == "Percutaneous Deep Venous Arterialization"


def test_front_a_news_dateline_gives_the_year(run):
    study = _study(
        run,
        "Hospital offers a new procedure\n\n"
        "SPRINGFIELD, Ill. (Tuesday, June 11 2024) - The hospital has performed its first "
        "deep vein arterialization.\n",
    )
    assert study.year == 2024


def test_front_a_title_broken_after_its_colon_keeps_its_subtitle(run):
    study = _study(
        run,
        "ARTIGO ORIGINAL\nRevascularização distal dos membros inferiores:\n"
        "experiência de 13 anos\nAna Example1, Bruno Sample2\nResumo\n"
        "Foram realizadas 212 revascularizações distais.\n",
    )
    assert study.title == "Revascularização distal dos membros inferiores: experiência de 13 anos"
    assert study.authors == ["Ana Example", "Bruno Sample"]


def test_front_skip_links_logos_banners_and_label_lines_are_not_the_title(run):
    for furniture in (
        "Skip to cookie consent Skip to main content",
        "Vascular Journal logoLink to Vascular Journal",
        "Access keys NCBI Homepage MyNCBI Homepage Main Content Main Navigation",
        "Table of Contents",
        "Clinical Image",
        "Dados do Trabalho\n\nTÍTULO",
        ": 2019  |  Volume : 12  |  Issue : 2  |  Page : 101--108",
        "Home | Editorial Board | Submit an Article",
        "Journal Menu\nAuthor Guidelines Submit a Manuscript About this Journal",
        "Link copied",
        "Health\nCopy link",
        "Journal Content Viewer Journal Content Viewer",
    ):
        study = _study(
            run,
            f"{furniture}\n\nThrombosed Popliteal Aneurysm Treated by Bypass\n\n"
            "Ann Example, Ben Sample\n\nAbstract\n\nA man presented with a cold foot.\n",
        )
        assert study.title == "Thrombosed Popliteal Aneurysm Treated by Bypass", furniture


def test_front_a_reading_option_heading_above_the_abstract_keeps_the_citation_in_front(run):
    study = _study(
        run,
        "Font Size:\n\nLine Spacing:\n\nBackground:\n\nReview\n\n"
        "Venous Arterialization for the Desert Foot\n\nby\nAnn Example\n\n"
        "J. Vasc. Med. 2023, 12(4), 7324; https://doi.org/10.3390/jvm12047324\n\n"
        "Abstract\n\nDeep venous arterialization is reviewed.\n\n"
        "1. Introduction\n\nIn 2019 a registry opened.\n",
    )
    assert (study.journal, study.year) == ("J. Vasc. Med", 2023)


def test_front_a_citation_line_below_one_a_line_names_is_no_author(run):
    study = _study(
        run,
        "Review\n\nVenous Arterialization for the Desert Foot\n\n"
        "by\nAnn Example\n1,*\nBen Sample\n2\n*\nAuthor to whom correspondence is addressed.\n"
        "J. Vasc. Med. 2023, 12(4), 7324; https://doi.org/10.3390/jvm12047324\n\n"
        "Abstract\n\nDeep venous arterialization is reviewed.\n",
    )
    assert study.authors == ["Ann Example", "Ben Sample"]


def test_front_a_bullet_list_of_authors_with_an_email_link(run):
    study = _study(
        run,
        "A rare case of hand ischemia after a vein graft\n\n"
        "• Ann ExampleEmail author\n• Nicolò Sample\n• Carla Della Test\n\nCase Report\n\n"
        "This case report describes a 60-year-old man.\n",
    )
    assert study.authors == ["Ann Example", "Nicolò Sample", "Carla Della Test"]


def test_front_an_author_line_that_ends_in_a_comma_goes_on_below(run):
    study = _study(
        run,
        "Revascularização distal: experiência de 13 anos\n\n"
        "Ana Vieira de Mello1, Cristina M. Torres dos Santos2,\n"
        "Bruno Cals de Oliveira3, Renata Lima3\n\nResumo\n\nForam tratados 40 doentes.\n",
    )
    assert study.authors == [
        "Ana Vieira de Mello", "Cristina M. Torres dos Santos", "Bruno Cals de Oliveira",
        "Renata Lima",
    ]  # fmt: skip


def test_front_presented_by_names_the_author_of_a_meeting_report(run):
    study = _study(
        run,
        "Late-breaking trials announced\n\n"
        "2-Year Results With a Deep Vein Arterialization System\n\n"
        "Presented by Daniel Example, MD\n\nThe trial enrolled 32 patients.\n",
    )
    assert study.authors == ["Daniel Example"]


def test_front_journal_from_a_logo_banner_or_an_aims_and_scope_link(run):
    for banner, journal in (
        ("Skip to main content\nVascular Medicine Reports logoLink to Vascular Medicine Reports",
         "Vascular Medicine Reports"),
        ("CardioVascular and Interventional Radiology Aims and scope Submit manuscript",
         "CardioVascular and Interventional Radiology"),
    ):  # fmt: skip
        study = _study(
            run, f"{banner}\n\nVenous Arterialization in Five Patients\n\nAbstract\n\nFive men.\n"
        )
        assert study.journal == journal, banner


def test_front_journal_and_year_from_a_how_to_cite_line(run):
    study = _study(
        run,
        "Chronic limb ischemia treated with thromboembolectomy\n\nHow to cite this article\n"
        "Example AB, Sample C Chronic limb ischemia treated with thromboembolectomy. "
        "Int J Case Rep Images 2016;2:12–14.\n\nCase Report\n\nA 70-year-old woman.\n",
    )
    assert (study.journal, study.year) == ("Int J Case Rep Images", 2016)


def test_front_journal_from_a_catalogue_metadata_row(run):
    for row, journal in (
        ("Journal | Annals of Vascular Surgery |", "Annals of Vascular Surgery"),
        ("Published in: | Journal of Vascular Surgery 2019-05, Vol.69 (5)",
         "Journal of Vascular Surgery"),
        ("Source | Vascular and Endovascular Surgery; 54(3)", "Vascular and Endovascular Surgery"),
    ):  # fmt: skip
        study = _study(
            run,
            "Venous Arterialization in Five Patients\n\nAbstract\n\nFive men were treated.\n\n"
            f"Original language | English |\n{row}\n",
        )
        assert study.journal == journal, row


def test_front_a_cochrane_page_names_its_journal_above_the_title(run):
    study = _study(
        run,
        "Cochrane Database of Systematic Reviews Review - Intervention\n\n"
        "Pedal bypass versus angioplasty for chronic limb-threatening ischaemia\n\n"
        "Abstract\n\nBackground\n\nWe compared two treatments.\n",
    )
    assert study.title == "Pedal bypass versus angioplasty for chronic limb-threatening ischaemia"
    assert study.journal == "Cochrane Database of Systematic Reviews"


def test_front_a_markdown_bold_author_label(run):
    study = _study(
        run,
        "# Hybrid Repair of a Thrombosed Popliteal Aneurysm\n\n"
        "**Authors:** Anna B Example, Carl D Sample, Dora Test\n\n"
        "A 67-year-old man presented with sudden leg pain.\n",
    )
    assert study.authors == ["Anna B Example", "Carl D Sample", "Dora Test"]
    study = _study(run, "Venous arterialization\n\n__By:__ Ann Example\n\nA story.\n")
    assert study.authors == ["Ann Example"]


def test_front_authors_joined_by_and_in_other_languages(run):
    told = {
        "Stefan Oliveira Example1 e Leonardo Oliveira Sample2.": [
            "Stefan Oliveira Example",
            "Leonardo Oliveira Sample",
        ],
        "Ana García Ejemplo y Pedro López Muestra": ["Ana García Ejemplo", "Pedro López Muestra"],
    }
    for line, names in told.items():
        study = _study(run, f"Pseudoaneurisma em fístula arteriovenosa\n\n{line}\n\nTexto.\n")
        assert study.authors == names


def test_front_a_news_pages_reading_time_is_not_the_title(run):
    study = _study(
        run,
        "August 04, 2017\n2 min read\nSave\n\n"
        "Percutaneous venous arterialization safe in no-option limbs\n\n"
        "Early results in a small cohort demonstrate safety of the system.\n",
    )
    assert study.title == "Percutaneous venous arterialization safe in no-option limbs"


def test_front_a_reference_list_without_heading_gives_no_year_or_journal(run):
    study = _study(
        run,
        "Thrombosis of a popliteal aneurysm with microembolism\n\n"
        "Anna Example, Carl Sample\n\n"
        "This is a case of a 95 year old male who presented with acute onset right lower limb "
        "pain. He underwent open aneurysm repair and improved.\n\n"
        "Example AB, Sample C, Test D, et al. Endovascular treatment of popliteal aneurysm. "
        "J Cardiovasc Surg (Torino). 2007;48:267-74.\n\n"
        "Other E, Another F. Popliteal artery aneurysms. J Vasc Surg. 2004;39:1171-7.\n",
    )
    assert (study.year, study.journal) == (None, None)


def test_front_the_doi_of_a_how_to_cite_line_below_the_references(run):
    study = _study(
        run,
        "Deep venous arterialization as bailout\n\nCase report\n\n"
        "A 63-year-old woman underwent deep venous arterialization.\n\nReferences\n\n"
        "1. Kum S, Tan YK, et al. Midterm outcomes. J Vasc Surg. 2017;65:1-8. "
        "doi:10.1016/j.jvs.2016.01.001\n\n"
        "How to cite: Example MT, Sample RA. Deep venous arterialization as bailout. "
        "Braz J Vasc Case Rep. 2025;7(2):e20250044. https://doi.org/10.9998/bjvecr.2025.0044\n",
    )
    assert study.doi == "10.9998/bjvecr.2025.0044"


@pytest.mark.parametrize(
    "line, journal",
    [
        ("Ann B Example et al. Ann Vasc Surg. 2021.", "Ann Vasc Surg"),
        ("Christine V Sample et al. Cureus. .", "Cureus"),
        (
            "Example, A., & Sample, B. (2014). Popliteal injury in a boy: A case report. "
            "Vojnosanitetski Pregled, 71(1), 87–90. https://doi.org/10.2298/x",
            "Vojnosanitetski Pregled",
        ),
        (
            "Citation: Ann Example, Ben Sample. Regenerative medicine in a WIfI 3 foot. "
            "Archives of Clinical and Medical Case Reports 6 (2022): 752-757.",
            "Archives of Clinical and Medical Case Reports",
        ),
    ],
)
def test_front_the_journal_of_a_citation_line_in_common_formats(run, line, journal):
    study = _study(
        run, f"Radial artery reconstruction: a case report\n\n{line}\n\nAbstract\n\nText.\n"
    )
    assert study.journal == journal
