"""Relevance (dva / dva_no_patients / not_dva) and design, from how real papers read."""


def test_relevance_a_treated_dva_case_is_dva(run):
    result = run(
        "Deep vein arterialization for a desert foot: a case report\n\n"
        "A 68-year-old man with a gangrenous toe underwent percutaneous deep vein "
        "arterialization from the posterior tibial artery.\n"
    )
    assert (result.study.relevance, result.study.design) == ("dva", "case_report")
    assert "arterialization" in result.study.evidence["relevance"][0].quote


def test_relevance_a_technique_review_is_dva_no_patients(run):
    result = run(
        "Venous arterialization: how does it work?\n\n"
        "Venous arterialization reverses flow through the pedal veins. The crossing is made "
        "from a tibial artery into a paired vein and the valves are disrupted with a balloon.\n"
    )
    assert (result.study.relevance, result.study.design) == ("dva_no_patients", None)
    assert result.patients == []


def test_relevance_an_animal_study_treats_no_patients(run):
    result = run(
        "Venous arterialization in pigs\n\n"
        "Venous arterialization was created in eight pigs and the flow was mapped by duplex. "
        "The pigs were studied for two weeks after the operation was performed.\n"
    )
    assert result.study.relevance == "dva_no_patients"


def test_relevance_a_bypass_case_is_not_dva_and_has_no_circuit(run):
    result = run(
        "Acute limb ischemia: a case report\n\n"
        "A 58-year-old man had a cold left leg. A femoropopliteal bypass with a 6 x 80 mm "
        "stent in the popliteal artery restored flow.\n"
    )
    assert result.study.relevance == "not_dva"
    (patient,) = result.patients
    assert (patient.donor_artery, patient.target_vein, patient.stents) == (None, None, [])


def test_relevance_a_dialysis_fistula_is_not_dva(run):
    result = run(
        "Ankle fistula for hemodialysis: a case report\n\n"
        "A 60-year-old woman on hemodialysis had no upper limb access. The great saphenous "
        "vein was connected to the anterior tibial artery to create a fistula for dialysis.\n"
    )
    assert result.study.relevance == "not_dva"


def test_design_a_small_series_that_gives_only_counts(run):
    result = run(
        "Distal venous arterialization\n\nAbstract\n\n"
        "Nine patients with rest pain and no bypass target underwent distal venous "
        "arterialization. Limb salvage was achieved in seven.\n"
    )
    assert (result.study.design, result.study.n_patients) == ("case_series", 9)


def test_design_a_registry_is_a_cohort(run):
    result = run(
        "Percutaneous deep vein arterialization\n\nAbstract\n\n"
        "This multicenter registry enrolled 32 patients with no-option CLTI who underwent "
        "percutaneous deep vein arterialization.\n"
    )
    assert (result.study.design, result.study.n_patients) == ("cohort", 32)


def test_counts_modifiers_between_the_number_and_patients(run):
    result = run(
        "Deep vein arterialization\n\nAbstract\n\n"
        "The prospective study enrolled 32 end-stage, or no-option, CLTI patients at seven "
        "centers. Limb salvage was achieved in 24.\n"
    )
    assert (result.study.n_patients, result.study.design) == (32, "cohort")


def test_counts_a_percentage_of_patients_is_no_count(run):
    result = run(
        "Distal venous arterialization\n\nAbstract\n\n"
        "In 14-20 per cent of patients no bypass is possible. There were 15 patients; all "
        "underwent distal venous arterialization.\n"
    )
    assert result.study.n_patients == 15


def test_counts_in_other_studies_are_not_the_papers(run):
    result = run(
        "Venous arterialization for non-reconstructable legs\n\nIntroduction\n\n"
        "Schreve reported a meta-analysis of 768 patients after venous arterialization.\n"
    )
    assert result.study.n_patients is None


def test_counts_spanish_patients_sexes_and_mean_age(run):
    result = run(
        "Arterialización venosa del pie diabético\n\nResumen\n\n"
        "De 2000 a 2009, 59 pacientes con pie diabético fueron tratados por arterialización "
        "venosa. De los 58 pacientes restantes, 44 fueron hombres y 14 mujeres, con edad "
        "promedio de 71 años.\n"
    )
    reported = result.study.reported
    assert result.study.n_patients == 59
    assert (reported.n_male, reported.n_female, reported.mean_age_years) == (44, 14, 71.0)


def test_counts_a_first_procedure_announcement_is_one_treated_patient(run):
    result = run(
        "Hospital performs region's first deep vein arterialization\n\n"
        "The vascular department performed its first LimFlow procedure in May, the first "
        "center in the state to offer it to patients with chronic limb-threatening ischemia.\n"
    )
    assert result.study.n_patients == 1
    assert result.study.relevance == "dva"
    assert result.study.design is None  # the patient is not described
    assert result.patients == []


def test_counts_the_procedure_performed_by_a_named_surgeon_is_one_patient(run):
    result = run(
        "New option for limbs facing amputation\n\n"
        "The hospital is the first in the region to offer deep vein arterialization. "
        "The procedure was performed by vascular surgeon Dr. Kim Example.\n"
    )
    assert result.study.n_patients == 1
    assert result.patients == []


def test_counts_a_hospital_that_only_offers_the_procedure_reports_no_patient(run):
    result = run(
        "Deep vein arterialization now available\n\n"
        "The hospital now offers deep vein arterialization to patients with no other "
        "option. The procedure is performed by creating a channel from artery to vein.\n"
    )
    assert result.study.n_patients is None
    assert result.study.relevance == "dva_no_patients"


def test_relevance_a_review_of_other_studies_has_no_patients_of_its_own(run):
    result = run(
        "Deep venous arterialisation for limb-threatening ischaemia: an overview\n\n"
        "This evidence overview is based on 84 patients who had the procedure and were "
        "reported in 5 studies. Of the 84 patients, 50 patients were male and 34 patients "
        "were female. The search strategy for this rapid review is shown in figure 1.\n"
    )
    study = result.study
    assert study.relevance == "dva_no_patients"
    assert study.n_patients is None and study.design is None
    assert study.reported.n_female is None and study.reported.n_male is None


def test_relevance_a_retrospective_review_of_own_patients_still_counts_them(run):
    result = run(
        "Deep vein arterialization: single-centre outcomes\n\nMethods\n\n"
        "This retrospective review was approved by the institutional review board. "
        "Twenty-two patients underwent pDVA; 15 were men and 7 were women.\n"
    )
    assert result.study.n_patients == 22
    assert result.study.relevance == "dva"
    assert result.study.reported.n_female == 7


def test_counts_an_approximate_number_of_patients_is_no_stated_n(run):
    result = run(
        "New hope for limbs\n\n"
        "Deep vein arterialization is offered in the UK. As part of an ongoing trial, "
        "approximately thirty patients have already received the treatment. More than 500 "
        "patients undergo an amputation every day.\n"
    )
    assert result.study.n_patients is None


def test_counts_the_nth_hospital_to_perform_the_procedure_treated_one_patient(run):
    result = run(
        "Hospital launches new procedures to reduce amputations\n\n"
        "The hospital was the third hospital in the nation to successfully perform a LimFlow "
        "procedure outside of clinical trials.\n"
    )
    assert result.study.n_patients == 1
    assert result.patients == []


def test_design_a_self_described_series_without_a_patient_count(run):
    result = run(
        "Patterns of failure in deep venous arterialization\n\nAbstract\n\n"
        "Methods. This was an observational case series with retrospective chart review. "
        "Results. Sixty-seven DVAs were performed; twenty-five required reintervention.\n"
    )
    assert result.study.design == "case_series"


def test_relevance_news_that_says_a_vein_is_turned_into_an_artery_is_dva(run):
    for told in (
        "The procedure turns a vein into an artery, returning blood to the foot.",
        "Surgeons converted the deep veins into arteries so that blood reached the wound.",
    ):
        result = run(
            "Hospital saves legs with new procedure\n\n"
            f"Forty-two patients facing amputation received the new therapy. {told}\n"
        )
        assert result.study.relevance == "dva", told


def test_relevance_a_count_of_procedures_performed_is_treated_patients(run):
    for told in (
        "Sixty-seven DVAs were performed in this cohort.",
        "In total, 12 percutaneous procedures were carried out under local anaesthesia.",
    ):
        result = run(
            f"Deep venous arterialization outcomes\n\nAbstract\n\nMethods. Chart review. {told}\n"
        )
        assert result.study.relevance == "dva", told


def test_relevance_early_results_or_our_experience_are_treated_patients(run):
    for title in (
        "Early results of an open technique for venous arterialization in ischemic legs",
        "Venous arterialization of the foot: our initial experience",
    ):
        result = run(f"{title}\n\nThe technique and the follow-up are described.\n")
        assert result.study.relevance == "dva", title


def test_relevance_many_cases_performed_elsewhere_is_no_count(run):
    result = run(
        "Venous arterialization: a commentary\n\n"
        "Many cases have been performed with improvised systems. The valves are cut.\n"
    )
    assert result.study.relevance == "dva_no_patients"


def test_relevance_a_review_banner_above_the_title_is_a_review(run):
    result = run(
        "Review\n\nPercutaneous Deep Venous Arterialization for Limb Salvage\n\n"
        "Abstract\n\nSeveral series report that patients underwent deep venous "
        "arterialization with high rates of wound healing.\n"
    )
    assert result.study.relevance == "dva_no_patients"
    assert result.patients == []


def test_design_a_title_naming_one_leg_or_patient_is_a_case_report(run):
    for title in (
        "In Situ Arterialization of the Saphenous Vein in a Non-Reconstructable Ischemic Leg",
        "Pedal Venous Arterialization in a Patient with Thromboangiitis Obliterans",
    ):
        result = run(
            f"{title}\n\nVenous arterialization has been tried in several ways. The valves "
            "are destroyed and the vein is anastomosed to the distal artery.\n"
        )
        assert (result.study.design, result.study.n_patients) == ("case_report", 1), title
        assert result.study.relevance == "dva"


def test_counts_a_portuguese_cohort_with_an_age_range_invents_no_patient(run):
    result = run(
        "Embolectomia arterial\n\n"
        "Os autores analisaram 120 casos de embolia arterial. A idade variou entre 19 a 95 anos "
        "(média de 61 anos), 64 pacientes eram do sexo masculino e 56 do sexo feminino.\n"
    )
    assert result.patients == []
    study = result.study
    assert (study.n_patients, study.reported.mean_age_years) == (120, 61)
    assert (study.reported.n_male, study.reported.n_female) == (64, 56)


def test_counts_an_english_age_range_and_its_mean_invent_no_patient(run):
    result = run(
        "Arterial embolectomy in the elderly\n\n"
        "We reviewed 48 patients. Ages ranged from 61 to 97 years (mean of 79 years); "
        "20 were women and 28 men.\n"
    )
    assert result.patients == []
    assert (result.study.reported.mean_age_years, result.study.reported.n_female) == (79, 20)


def test_counts_a_japanese_abstract_gives_cases_sexes_and_mean_age(run):
    result = run(
        "日本血管外科学会雑誌\n\n原著\n\n重症虚血肢に対する足部静脈動脈化術の検討\n\n抄録\n\n"
        "【対象と方法】2015年より2020年に経験した足部静脈動脈化術12例を対象とした."
        "症例の内訳は男性 8 例,女性 4 例,平均年齢は71.5歳で,6 例(50%)が糖尿病を合併していた.\n"
    )
    study = result.study
    assert (study.title, study.journal) == (
        "重症虚血肢に対する足部静脈動脈化術の検討",
        "日本血管外科学会雑誌",
    )
    assert (study.n_patients, study.reported.mean_age_years) == (12, 71.5)
    assert (study.reported.n_male, study.reported.n_female) == (8, 4)
    assert result.patients == []


def test_relevance_a_systematic_review_or_meta_analysis_pools_other_studies_patients(run):
    reviews = [
        "Surgical venous arterialization for the no-option foot: a meta-analysis\n\n"
        "Abstract\n\nResults. Nine series, including 311 patients, were pooled. Limb salvage at "
        "one year was 74%.\n",
        "Outcomes of pDVA\n\nAbstract\n\nMethods. The search followed the PRISMA statement. "
        "Results. Twelve studies with 402 patients were analysed; 61% of patients were men.\n",
        "Limb salvage after venous arterialization\n\nAbstract\n\nMethods. Six reports met our "
        "eligibility criteria. Results. They described 140 patients treated for CLTI.\n",
        "Venous arterialization\n\nAbstract\n\nThe aim of this study was to review the current "
        "literature on venous arterialization. Results. Data of 96 patients were found.\n",
        "Deep venous arterialization\n\nThis is a protocol for a systematic review. We will "
        "include studies of 10 or more patients treated by deep venous arterialization.\n",
    ]
    for text in reviews:
        result = run(text)
        assert result.study.relevance == "dva_no_patients", text
        assert (result.study.design, result.study.n_patients) == (None, None), text


def test_relevance_a_case_report_that_reviews_the_literature_keeps_its_patient(run):
    result = run(
        "Deep venous arterialization for CLTI: a case report and review of the literature\n\n"
        "We present a case and review the literature. A 71-year-old woman underwent "
        "percutaneous deep vein arterialization.\n"
    )
    assert (result.study.relevance, result.study.design) == ("dva", "case_report")
    assert len(result.patients) == 1


def test_relevance_a_cohort_that_cites_a_meta_analysis_counts_its_own_patients(run):
    result = run(
        "Percutaneous deep vein arterialization: a single-centre experience\n\n"
        "Abstract\n\nMethods. We enrolled 24 patients with no-option CLTI. A recent "
        "meta-analysis of observational studies found a pooled limb salvage of 75%, and a "
        "systematic review by Ho et al. reported similar healing.\n"
    )
    assert result.study.relevance == "dva"
    assert result.study.n_patients == 24


def test_counts_a_number_word_inside_a_word_is_no_count_of_sexes(run):
    result = run(
        "Venous arterialization in no-option limbs\n\nResults\n\n"
        "Twelve patients underwent venous arterialization; 9 men and 3 women. Among the "
        "patients with dialysis, none women were excluded from follow-up.\n"
    )
    reported = result.study.reported
    assert (reported.n_male, reported.n_female) == (9, 3)
    result = run(
        "Venous arterialization in no-option limbs\n\nResults\n\n"
        "Twelve patients underwent venous arterialization. Of those on dialysis, none "
        "women had a prior bypass.\n"
    )
    assert result.study.reported.n_female is None
