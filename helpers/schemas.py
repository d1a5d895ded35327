"""The declared schema of every table in ``data/``: the one place where columns, types and rules live.

Each table is a pandera ``DataFrameModel`` (column names, types, per-column rules and a description
of each column, which ``data/README.md`` repeats) plus a :class:`TableSpec` that names its file, its
key (no duplicates), its ranges (``low <= high``) and the columns that must name a row of
``sources.csv``. :func:`helpers.data.load_table` is the only code that reads these files.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SLUG = r"^[a-z0-9_]+$"


#: Percentages are numbers from 0 to 100 (not fractions, no % sign).
def percent(description: str, *, nullable: bool = False) -> Any:
    """A percentage column: a number from 0 to 100."""
    return pa.Field(ge=0, le=100, nullable=nullable, description=f"{description} (%, 0-100)")


def text(description: str, *, nullable: bool = False) -> Any:
    """A free-text column (plain text; shown escaped, never as HTML)."""
    return pa.Field(nullable=nullable, str_length={"min_value": 1}, description=description, metadata={"text": True})


def source_list(description: str = "Sources, separated by ';'") -> Any:
    """Source ids separated by ';' (each checked against sources.csv)."""
    return pa.Field(str_matches=r"^[a-z0-9_]+(;\s*[a-z0-9_]+)*$", description=description)


def slug(description: str, *, nullable: bool = False) -> Any:
    """An identifier column: lowercase letters, digits and underscores."""
    return pa.Field(nullable=nullable, str_matches=SLUG, description=description)


#: What a source is. Articles and reviews need a DOI or a PubMed/PMC link; the others a page of their publisher.
SOURCE_KINDS = ("article", "review", "guideline", "book", "web_reference", "dictionary")

#: Hosts a source may link to: the indexes, and the publishers' and guideline bodies' own sites. A copy of an
#: article on another site (Scribd, cld.bz, studylib, a PubMed mirror, a bare IP address...) is never linked.
ALLOWED_HOSTS: tuple[str, ...] = (
    "pubmed.ncbi.nlm.nih.gov",
    "pmc.ncbi.nlm.nih.gov",
    "www.ncbi.nlm.nih.gov",
    "doi.org",
    # guideline bodies
    "www.nice.org.uk",
    "www.esmo.org",
    "www.nccn.org",
    "ukacuteoncology.co.uk",
    "www.cancer.gov",
    # publishers and clinical references
    "www.e-jbm.org",
    "link.springer.com",
    "bmcsurg.biomedcentral.com",
    "jamanetwork.com",
    "cancerimagingjournal.biomedcentral.com",
    "www.nature.com",
    "www.cambridge.org",
    "academic.oup.com",
    "aacrjournals.org",
    "www.oncotarget.com",
    "www.wjgnet.com",
    "journals.viamedica.pl",
    "www.msdmanuals.com",
    "www.merckmanuals.com",
    "emedicine.medscape.com",
    "www.medscape.com",
    "journals.lww.com",
    "www.nejm.org",
    "bmccancer.biomedcentral.com",
    "bmjopen.bmj.com",
    "www.spandidos-publications.com",
    "www.medscimonit.com",
    "oncology.medicinematters.com",
    "www.hipec.com",
    "www.jcancer.org",
    # national patient organisations and patient information, each the organisation's own site (the support table of
    # the patient pages names them; nothing is fetched)
    "www.cancerresearchuk.org",
    "www.macmillan.org.uk",
    "www.cancer.org",
    "www.cancer.org.au",
    "cancer.ca",
    "www.cancer.net",
    "www.nhs.uk",
)

#: Phrases of a researcher's working notes, which must never reach a learner.
WORKING_NOTE = r"(?i)\b(?:from memory|\(mem\)|seed-factcheck|attribution not shown|stored (?:extract|excerpt)|TODO|FIXME|(?:authors?|author list|co-authors|first author|journal|title|details)\b[^.;()]{0,40}\bnot (?:confirmed|shown|captured|visible|seen))"


def allowed_url(url: str) -> bool:
    """True for an https/http address on one of :data:`ALLOWED_HOSTS` (no bare IP address, no third-party copy)."""
    from urllib.parse import urlsplit

    host = urlsplit(str(url)).hostname or ""
    return host in ALLOWED_HOSTS


class _Table(pa.DataFrameModel):
    class Config:
        strict = True  # an unexpected column is an error
        coerce = True  # text from the CSV is converted to the declared type (and reported if it cannot be)


# --------------------------------------------------------------------------- sources
class Sources(_Table):
    source_id: Series[str] = slug("Identifier that other tables use in their source_id column")
    authors: Series[str] = text("Authors, 'Surname AB, Surname CD, et al.'")
    year: Series[pd.Int64Dtype] = pa.Field(
        ge=1800, le=2100, nullable=True, description="Year of publication (empty for an undated web page)"
    )
    title: Series[str] = text("Title of the article, chapter or guideline")
    journal: Series[str] = text("Journal, book or publisher")
    doi: Series[str] = pa.Field(
        nullable=True, str_matches=r"^10\.\d{4,9}/\S+$", description="DOI without the https://doi.org/ prefix"
    )
    url: Series[str] = pa.Field(
        nullable=True, str_matches=r"^https?://\S+$", description="Stable web address (PMC, journal or guideline page)"
    )
    population: Series[str] = text(
        "Population or setting the figures describe (autopsy series, registry, advanced disease...)"
    )
    licence: Series[str] = text("How the course reuses the source (figures cited with attribution; article licence)")
    verified: Series[str] = pa.Field(
        isin=["verified", "partial", "not_verified"],
        description="Whether the figures were checked against the source's own text",
    )
    verification_note: Series[str] = text(
        "Where the figures were checked, and what was left unverified (not shown to learners)", nullable=True
    )
    kind: Series[str] = pa.Field(
        isin=list(SOURCE_KINDS), description="article, review, guideline, book, web_reference or dictionary"
    )

    @pa.dataframe_check(name="doi or url is given")
    def _findable(cls, df: pd.DataFrame) -> pd.Series:
        return df["doi"].notna() | df["url"].notna()

    @pa.dataframe_check(name="a journal article has a DOI or a PubMed/PMC link")
    def _article_link(cls, df: pd.DataFrame) -> pd.Series:
        indexed = df["url"].fillna("").str.contains(r"^https://(?:pubmed|pmc)\.ncbi\.nlm\.nih\.gov/", regex=True)
        return ~df["kind"].isin(["article", "review"]) | df["doi"].notna() | indexed

    @pa.check("url", name="the url is a publisher's, PubMed's or PMC's page, never a third-party copy")
    def _own_page(cls, url: pd.Series) -> pd.Series:
        return url.isna() | url.map(allowed_url)

    @pa.check("authors", "title", "journal", name="no working notes in text that learners see")
    def _no_notes(cls, column: pd.Series) -> pd.Series:
        return ~column.fillna("").str.contains(WORKING_NOTE, regex=True)


# --------------------------------------------------------------------------- bone metastasis rates
class BoneMetsAdvanced(_Table):
    cancer: Series[str] = slug("Primary cancer (identifier)")
    cancer_label: Series[str] = text("Primary cancer (as shown to learners)")
    bone_pct_low: Series[float] = percent("Share of patients with advanced disease who have bone metastases, low end")
    bone_pct_high: Series[float] = percent("Same share, high end")
    survival_months_low: Series[float] = pa.Field(
        ge=0, le=240, description="Median survival after bone metastasis is diagnosed, low end (months)"
    )
    survival_months_high: Series[float] = pa.Field(
        ge=0, le=240, description="Median survival after bone metastasis, high end (months)"
    )
    seed_pct_low: Series[float] = percent(
        "The seed article's figure for the same share, low end (empty: the seed gives none)", nullable=True
    )
    seed_pct_high: Series[float] = percent("The seed article's figure, high end", nullable=True)
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source of the figures (a source_id of sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class BoneMetsAtDiagnosis(_Table):
    cancer: Series[str] = slug(
        "Primary cancer (identifier; the same as in bone_mets_advanced where the cancer is the same)"
    )
    cancer_label: Series[str] = text("Primary cancer (as shown to learners)")
    bone_pct_of_metastatic: Series[float] = percent(
        "Bone metastases at diagnosis among patients already metastatic at diagnosis", nullable=True
    )
    bone_pct_of_all: Series[float] = percent(
        "Bone metastases at diagnosis among all patients with that cancer", nullable=True
    )
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source (sources.csv)")

    @pa.dataframe_check(name="at least one of bone_pct_of_metastatic, bone_pct_of_all is given")
    def _one_share(cls, df: pd.DataFrame) -> pd.Series:
        return df["bone_pct_of_metastatic"].notna() | df["bone_pct_of_all"].notna()


class BoneAtDiagnosisByStudy(_Table):
    cancer: Series[str] = slug("Primary cancer (identifier, as in bone_mets_at_diagnosis)")
    cancer_label: Series[str] = text("Primary cancer (as shown to learners)")
    study: Series[str] = text("The study, as cited (first author and year)")
    seer_years: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{4}$", description="Years of diagnosis in the SEER registry (YYYY-YYYY)"
    )
    bone_pct_of_metastatic: Series[float] = percent("Bone involvement among patients metastatic at diagnosis")
    counted: Series[str] = text("Whom the study counted")
    source_id: Series[str] = slug("Source (sources.csv)")


class BoneMetsCumulative(_Table):
    cancer: Series[str] = slug("Primary cancer; all_solid for all solid tumours together")
    cancer_label: Series[str] = text("Primary cancer (as shown to learners)")
    years: Series[float] = pa.Field(
        ge=0,
        le=30,
        nullable=True,
        description="Years after cancer diagnosis (30 days = 0.08); empty when the source does not say",
    )
    pct: Series[float] = percent("Cumulative incidence of bone metastasis by that time, point estimate", nullable=True)
    pct_low: Series[float] = percent("Lower end: 95% confidence limit or published range")
    pct_high: Series[float] = percent("Upper end")
    range_kind: Series[str] = text("What pct_low and pct_high are (95% CI, or a range across ...)")
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source (sources.csv)")


class BoneSites(_Table):
    site_id: Series[str] = slug("Skeletal site (identifier)")
    site_label: Series[str] = text("Skeletal site (as shown to learners)")
    share_pct: Series[float] = percent(
        "Share of bone metastases (or of spinal lesions: see population) at this site, where a source gives one",
        nullable=True,
    )
    rank: Series[pd.Int64Dtype] = pa.Field(
        ge=1, le=20, nullable=True, description="Rank among common sites (1 = most common), where a source ranks it"
    )
    x: Series[float] = pa.Field(
        ge=0, le=100, description="Body-map position, left to right (0-100; 50 = midline, smaller = patient's right)"
    )
    y: Series[float] = pa.Field(ge=0, le=100, description="Body-map position, feet (0) to top of head (100)")
    population: Series[str] = text("What the share or rank counts")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class MetastaticSites(_Table):
    primary: Series[str] = slug("Primary cancer (identifier)")
    primary_label: Series[str] = text("Primary cancer (as shown to learners)")
    site: Series[str] = pa.Field(
        isin=[
            "liver",
            "lung",
            "bone",
            "brain",
            "peritoneum",
            "peritoneum_and_other",
            "pleura",
            "adrenal",
            "distant_nodes",
            "ovary",
            "nervous_system",
            "other",
        ],
        description="Where the metastases were found",
    )
    site_label: Series[str] = text("Site (as shown to learners)")
    pct: Series[float] = percent("Share of the denominator with metastases at this site")
    denominator: Series[str] = text("Of whom the percentage is (e.g. patients with metastatic gastric cancer)")
    dataset: Series[str] = text("Short name of the dataset (registry, database, years)")
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class BrainMetsIncidence(_Table):
    primary: Series[str] = slug("Primary cancer (identifier)")
    primary_label: Series[str] = text("Primary cancer (as shown to learners)")
    pct: Series[float] = percent("Share of patients with that cancer who were found to have brain metastases")
    measure: Series[str] = text("What kind of share (incidence proportion, 5-year cumulative incidence ...)")
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source (sources.csv)")


class SpreadRoutes(_Table):
    route_id: Series[str] = slug("Route (identifier)")
    primary_group: Series[str] = text("Which cancers take this route")
    primary_examples: Series[str] = text("Examples of those cancers")
    vein_system: Series[str] = text("The vessels the cells travel in")
    first_capillary_bed: Series[str] = text("The first organ whose small vessels the cells meet")
    then: Series[str] = text("Where the cells can go next")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class CascadeSteps(_Table):
    step: Series[int] = pa.Field(ge=1, le=20, unique=True, description="Order of the step (1 = first)")
    step_id: Series[str] = slug("Step (identifier)")
    name: Series[str] = text("Name of the step")
    what_happens: Series[str] = text("What happens in this step")
    cells_molecules: Series[str] = text("Cells and molecules involved")
    seed_wording: Series[str] = text("How the seed article (000) puts it", nullable=True)
    textbook_wording: Series[str] = text("How the textbook / review literature puts it")
    where_seed_oversimplifies: Series[str] = text("Where the popular article oversimplifies", nullable=True)
    source_id: Series[str] = slug("Source (sources.csv)")


class CascadeFunnel(_Table):
    stage_order: Series[int] = pa.Field(ge=1, le=20, description="Order of the stage within its model (1 = start)")
    stage: Series[str] = text("Stage of the funnel")
    cells: Series[float] = pa.Field(gt=0, description="Number of cells (or metastases) at this stage (count)")
    pct_of_previous: Series[float] = pa.Field(
        ge=0, le=100, nullable=True, description="Share of the previous stage that reaches this one (%, 0-100)"
    )
    model: Series[str] = text("Experiment or model the numbers come from")
    population: Series[str] = text("Animals, cells or patients")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class TnmCategories(_Table):
    category_id: Series[str] = slug("Category (identifier)")
    letter: Series[str] = pa.Field(
        isin=["T", "N", "M"], description="T (tumour), N (regional lymph nodes) or M (distant metastasis)"
    )
    category: Series[str] = text("The category as written in a report (N1, M1...)")
    meaning: Series[str] = text("What it means, in plain words")
    gastric_8th_edition: Series[str] = text("Its definition for stomach cancer in the AJCC/UICC 8th edition")
    stage_note: Series[str] = text("What it means for the stage, where it decides it", nullable=True)
    source_id: Series[str] = slug("Source (sources.csv)")


class LymphNodeFigures(_Table):
    figure_id: Series[str] = slug("Figure (identifier)")
    measure: Series[str] = text("What the percentage measures")
    pct: Series[float] = percent("The figure")
    count: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d[\d,]* of \d[\d,]*$",
        description="The count behind it ('387 of 397'), where the source gives it",
    )
    denominator: Series[str] = text("Of whom the percentage is")
    population: Series[str] = text("Who was studied, where")
    source_id: Series[str] = slug("Source (sources.csv)")


class ViciousCycle(_Table):
    step: Series[int] = pa.Field(ge=1, le=20, unique=True, description="Order of the step around the cycle")
    actor: Series[str] = text("Cell or tissue that acts")
    actor_key: Series[str] = pa.Field(
        isin=["tumour", "osteoblast", "osteoclast", "matrix", "drug", "all"],
        description="Where the diagram puts the step: an actor of the loop, the drug, or the whole cycle",
    )
    variant: Series[str] = pa.Field(
        isin=["blastic"], nullable=True, description="blastic: the step of bone-forming lesions, drawn specially"
    )
    signal: Series[str] = text("Signal it sends or releases")
    effect: Series[str] = text("What the signal does")
    source_id: Series[str] = slug("Source (sources.csv)")


class BoneDrugRisks(_Table):
    risk_id: Series[str] = slug("Risk (identifier)")
    drug: Series[str] = text("Drug or drug class")
    risk: Series[str] = text("The risk, in plain words")
    figure: Series[str] = text("How often, where a source gives it", nullable=True)
    what_is_done: Series[str] = text("How the care team usually guards against it (general, not personal advice)")
    source_id: Series[str] = slug("Source (sources.csv)")


class LesionTypes(_Table):
    lesion_type: Series[str] = pa.Field(isin=["lytic", "blastic", "mixed"], description="Kind of bone lesion")
    label: Series[str] = text("Kind of lesion (as shown to learners)")
    what_happens: Series[str] = text("What happens to the bone")
    xray_look: Series[str] = text("How it looks on an X-ray")
    typical_primaries: Series[str] = text("Primary cancers that typically cause it")
    mirels_score: Series[int] = pa.Field(
        ge=1, le=3, description="Points for lesion type in Mirels' fracture-risk score (1-3)"
    )
    fracture_risk_note: Series[str] = text("What the type means for fracture risk")
    source_id: Series[str] = slug("Source (sources.csv)")


class UrgencyLevels(_Table):
    level: Series[str] = slug("Level (identifier): red, amber or green")
    rank: Series[int] = pa.Field(ge=1, le=9, unique=True, description="Order, most urgent first (1 = most urgent)")
    name: Series[str] = text("Name shown with the level everywhere (the colour is never shown alone)")
    colour: Series[str] = pa.Field(
        str_matches=r"^#[0-9A-Fa-f]{6}$", description="Colour of the level's badge (#RRGGBB)"
    )
    symbol: Series[str] = text("Symbol shown beside the name")
    how_soon: Series[str] = text("How soon to act: the only timing words a sign of this level may use")
    what_to_do: Series[str] = text("What to do (general guidance, not personal advice)")
    whom_to_contact: Series[str] = text("Whom to contact")
    time_phrases: Series[str] = text(
        "';'-separated timing phrases that belong to this level; a sign of another level may not use them"
    )
    source_ids: Series[str] = source_list("Sources of the level's definition and timing (';'-separated source ids)")


class WarningSigns(_Table):
    sign_id: Series[str] = slug("Sign (identifier)")
    context: Series[str] = pa.Field(
        isin=["bone_metastasis", "recurrence"], description="Signals of bone metastasis, or signs of recurrence by site"
    )
    site: Series[str] = pa.Field(
        isin=["bone", "spine", "brain", "lung_pleura", "peritoneum", "liver", "general"], description="Body site"
    )
    sign: Series[str] = text("The sign or symptom")
    details: Series[str] = text("What it is like")
    mechanism: Series[str] = text("Why it happens")
    advice: Series[str] = text(
        "Advice particular to this sign, with no timing words (how soon comes from its level)", nullable=True
    )
    level: Series[str] = slug(
        "Urgency level (a level of urgency_levels.csv): how soon, what to do and whom to contact come from it"
    )
    source_id: Series[str] = slug("Source (sources.csv)")


class DetectionMethods(_Table):
    method_id: Series[str] = slug("Test (identifier)")
    method: Series[str] = text("Test (as shown to learners)")
    what_it_shows: Series[str] = text("What the test shows")
    typical_use: Series[str] = text("When it is typically used")
    suspicions: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^(bone|spine_cord|liver|lung|brain|peritoneum|lymph_nodes)(;(bone|spine_cord|liver|lung|brain|peritoneum|lymph_nodes))*$",
        description="Sites or suspicions the test is used for, separated by ';'",
    )
    sensitivity_pct: Series[float] = percent("Sensitivity, where sourced", nullable=True)
    specificity_pct: Series[float] = percent("Specificity, where sourced", nullable=True)
    accuracy_basis: Series[str] = text("What the sensitivity and specificity refer to", nullable=True)
    limitations: Series[str] = text("Limitations")
    source_id: Series[str] = slug("Source (sources.csv)")


class DetectionThresholds(_Table):
    method: Series[str] = text("Imaging method and study")
    mineral_loss_pct_low: Series[float] = percent("Bone mineral that must be lost before a lesion shows, low end")
    mineral_loss_pct_high: Series[float] = percent("Same, high end")
    min_lesion_mm: Series[float] = pa.Field(gt=0, le=100, nullable=True, description="Smallest lesion that shows (mm)")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats")


class Glossary(_Table):
    term: Series[str] = text("Term")
    definition: Series[str] = text("Plain-language definition, in the course's own words")
    source_id: Series[str] = slug("Source (sources.csv); empty where the definition is the course's own", nullable=True)


class RecurrenceFaq(_Table):
    faq_id: Series[str] = slug("Question (identifier)")
    order: Series[int] = pa.Field(ge=1, le=100, unique=True, description="Order in which the FAQ lists the question")
    category: Series[str] = pa.Field(
        isin=["follow_up", "lifestyle", "signs", "symptoms", "tests", "treatment"], description="Kind of question"
    )
    question: Series[str] = text("The question")
    seed_answer: Series[str] = text("The seed article's answer, quoted or paraphrased", nullable=True)
    short_answer: Series[str] = text("One-sentence answer")
    long_answer: Series[str] = text("Longer, sourced answer")
    source_ids: Series[str] = source_list()
    illustration: Series[str] = pa.Field(
        isin=[
            "tumour_markers",
            "detection_methods",
            "warning_signs",
            "followup_schedule",
            "recurrence_timing",
            "metastatic_sites",
            "guideline_statements",
            "none",
        ],
        description="Table or chart that illustrates the answer",
    )


class TumourMarkers(_Table):
    marker: Series[str] = slug("Marker or combination (identifier)")
    label: Series[str] = text("Marker (as shown to learners)")
    sensitivity_pct: Series[float] = percent("Sensitivity")
    specificity_pct: Series[float] = percent("Specificity, where sourced", nullable=True)
    setting: Series[str] = text("What the test was used for")
    population: Series[str] = text("Who was tested")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("Caveats", nullable=True)


class FollowupSchedule(_Table):
    schedule_id: Series[str] = pa.Field(
        isin=["seed", "nccn_most", "nccn_least", "csco_most", "csco_least"], description="Schedule (identifier)"
    )
    schedule_label: Series[str] = text("Schedule (as shown to learners)")
    year_from: Series[float] = pa.Field(ge=0, le=10, description="Start of the period (years after surgery)")
    year_to: Series[float] = pa.Field(
        ge=0, le=10, description="End of the period (years after surgery; the course draws 10 years)"
    )
    interval_months: Series[int] = pa.Field(ge=1, le=24, description="One visit every ... months in this period")
    source_id: Series[str] = slug("Source (sources.csv); empty only for the seed article's own schedule", nullable=True)
    note: Series[str] = text("What the guideline says, in its words")

    @pa.dataframe_check(name="source_id is given (only the seed's own schedule may leave it empty)")
    def _sourced(cls, df: pd.DataFrame) -> pd.Series:
        return df["source_id"].notna() | (df["schedule_id"] == "seed")


class RecurrenceTiming(_Table):
    years_after_surgery: Series[float] = pa.Field(gt=0, le=20, description="Years after surgery")
    cumulative_pct_of_recurrences: Series[float] = percent("Share of all recurrences that had happened by then")
    population: Series[str] = text("Who was counted")
    source_id: Series[str] = slug("Source (sources.csv)")
    note: Series[str] = text("How the figure was obtained", nullable=True)


class GuidelineStatements(_Table):
    statement_id: Series[str] = slug("Statement (identifier)")
    organisation: Series[str] = text("Organisation")
    guideline: Series[str] = text("Guideline (and where it was read)")
    version: Series[str] = text("Version or edition of the guideline, as learners see it")
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Year of that version (or of the report that quotes it)")
    status: Series[str] = pa.Field(
        isin=["current", "older", "review"], description="current guideline, older version, or a review or consensus"
    )
    statement: Series[str] = text("What it says")
    quote_verified: Series[str] = pa.Field(
        isin=["yes", "no"], description="Whether the wording was read in the cited source"
    )
    source_id: Series[str] = slug("Source (sources.csv)")


class SelfChecks(_Table):
    check_id: Series[str] = slug("Self-check (identifier): a notebook cell names it, so the answer is not in the code")
    notebook: Series[str] = pa.Field(str_matches=r"^\d{2}$", description="Notebook number (two digits)")
    objective: Series[int] = pa.Field(
        ge=1, le=12, description="The learning objective of that notebook the question checks (its number in the list)"
    )
    kind: Series[str] = pa.Field(
        isin=["choice", "urgency"],
        description="choice: options written here; urgency: the options are the levels of the urgency scale",
    )
    placement: Series[str] = pa.Field(
        isin=["inline", "review"],
        description="inline: a notebook cell names it with check(id); review: shown by the notebook's closing review(nn) cell",
    )
    question: Series[str] = text("The question")
    source_ids: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^[a-z0-9_]+(;\s*[a-z0-9_]+)*$",
        description="Sources of the facts in the question and its feedback, separated by ';' (empty: no sourced fact)",
    )


class SelfCheckOptions(_Table):
    check_id: Series[str] = slug("Self-check (a check_id of self_checks.csv)")
    option: Series[str] = slug("Option (a, b, c...; for an urgency check, a level of urgency_levels.csv)")
    label: Series[str] = text(
        "The option as shown (empty for an urgency check: the level's name is shown)", nullable=True
    )
    correct: Series[str] = pa.Field(isin=["yes", "no"], description="Whether this is the right answer")
    feedback: Series[str] = text("Feedback shown when this option is picked")


class CourseReview(_Table):
    notebook: Series[str] = pa.Field(
        str_matches=r"^(patients/)?\d{2}-[a-z0-9-]+\.ipynb$",
        description="Notebook file name (patients/NN-name.ipynb for a page of the patient-education track)",
    )
    last_reviewed: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$", description="Date its content was last reviewed (YYYY-MM-DD)"
    )
    next_review_due: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$", description="Date the next review is due (YYYY-MM-DD)"
    )
    scope: Series[str] = text("What the review checked")

    @pa.dataframe_check(name="next_review_due is after last_reviewed")
    def _due_after(cls, df: pd.DataFrame) -> pd.Series:
        return df["next_review_due"] > df["last_reviewed"]


class PopularArticles(_Table):
    article_id: Series[str] = slug("Article (identifier)")
    short_name: Series[str] = text("How the course names it in a sentence ('the bone-metastasis article')")
    title: Series[str] = text("Title, as published")
    outlet: Series[str] = text("Where it was published, as far as known")
    published: Series[str] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="Date of publication (YYYY, YYYY-MM or YYYY-MM-DD); empty when unknown",
    )
    note: Series[str] = text("What the course uses it for", nullable=True)


class Myths(_Table):
    myth_id: Series[str] = slug("Myth (identifier)")
    article: Series[str] = slug("The popular article that makes the claim (an article_id of popular_articles.csv)")
    topic: Series[str] = pa.Field(
        isin=["cascade", "bone_rates", "inside_bone", "signs_detection", "where_spreads", "recurrence_faq", "followup"],
        description="Notebook topic where it is discussed",
    )
    seed_claim: Series[str] = text("The seed's claim, quoted")
    verdict: Series[str] = pa.Field(isin=["wrong", "overstated", "imprecise", "unsupported"], description="Verdict")
    what_the_evidence_says: Series[str] = text("What the evidence says")
    better_figure: Series[str] = text("The better figure, where there is one", nullable=True)
    source_ids: Series[str] = source_list()


# --------------------------------------------------------------------------- the patient-education track
class PatientSigns(_Table):
    sign_id: Series[str] = slug("Warning sign (a sign_id of warning_signs.csv): its urgency level comes from there")
    order: Series[int] = pa.Field(ge=1, le=100, unique=True, description="Order on the card, within its level")
    plain_words: Series[str] = text(
        "The sign in plain words for patients (no timing words: how soon comes from the level)"
    )


class QuestionPrompts(_Table):
    question_id: Series[str] = slug("Question (identifier)")
    topic: Series[str] = pa.Field(
        isin=["bone_metastasis", "follow_up", "tumour_markers", "numbers", "support"],
        description="Topic of the question sheet it is listed under",
    )
    order: Series[int] = pa.Field(ge=1, le=100, unique=True, description="Order on the sheet")
    question: Series[str] = text("The question, in plain words")
    wording: Series[str] = pa.Field(
        isin=["quoted", "adapted"],
        description="quoted: the published list's own words; adapted: the course's plain words for a question of its kind",
    )
    source_id: Series[str] = slug("The published question-prompt list it is drawn from (sources.csv)")


class SupportOrganisations(_Table):
    org_id: Series[str] = slug("Organisation (identifier)")
    order: Series[int] = pa.Field(ge=1, le=100, unique=True, description="Order in the table")
    name: Series[str] = text("Name of the organisation or information service")
    country: Series[str] = text("Country or region it serves")
    kind: Series[str] = pa.Field(
        isin=["organisation", "information"],
        description="organisation: a national patient organisation with support services; information: trusted patient information",
    )
    offers: Series[str] = text("What it offers, in plain words")
    source_id: Series[str] = slug("Its own web page (a source_id of sources.csv, which holds the address)")


class PatientFigures(_Table):
    figure_id: Series[str] = slug("Figure on a patient page (identifier; the page's code names it)")
    page: Series[str] = pa.Field(
        str_matches=r"^patients/\d{2}-[a-z0-9-]+\.ipynb$", description="The patient page that shows it"
    )
    table: Series[str] = slug("The data table the figure is drawn from")
    what_it_counts: Series[str] = text("What the figure counts, in plain words")
    population: Series[str] = text("Who was counted (how many people, where)")
    time_span: Series[str] = text("Over what time the people were followed, or what time the figure covers")
    era: Series[str] = text("When they were treated (the treatment era), or that the source does not say")
    not_a_prediction: Series[str] = text("What the figure does not tell one person (it is never a prediction)")
    source_id: Series[str] = slug("Source of the figure (sources.csv)")


class SessionFormats(_Table):
    plan: Series[str] = slug("Session plan (identifier)")
    order: Series[int] = pa.Field(ge=1, le=20, unique=True, description="Order in the instructor guide")
    title: Series[str] = text("Title")
    class_minutes: Series[int] = pa.Field(ge=10, le=2000, description="Minutes in class, breaks included")
    audience: Series[str] = text("Room, equipment and learners it suits")
    summary: Series[str] = text("What the plan covers")


class SessionPlans(_Table):
    plan: Series[str] = slug("Session plan (a plan of session_formats.csv)")
    row: Series[int] = pa.Field(ge=1, le=200, description="Order of the row within the plan")
    session: Series[int] = pa.Field(ge=0, le=20, description="Class session (0: before the first one)")
    lesson: Series[str] = pa.Field(
        nullable=True, str_matches=r"^\d{2}$", description="Notebook number (two digits); empty for a break"
    )
    section: Series[str] = text("A '## ' heading of that notebook, '(whole notebook)', or 'Break'")
    mode: Series[str] = pa.Field(
        isin=["class", "pre_reading", "homework", "break"], description="Taught in class, set before it, set after it"
    )
    teaching_min: Series[int] = pa.Field(ge=0, le=120, description="Minutes of teaching (or of reading, out of class)")
    exercise_min: Series[int] = pa.Field(ge=0, le=120, description="Minutes of exercises and self-checks")
    discussion_min: Series[int] = pa.Field(ge=0, le=120, description="Minutes of discussion")
    break_min: Series[int] = pa.Field(ge=0, le=60, description="Minutes of a break")
    activity: Series[str] = text("What happens")


class Misconceptions(_Table):
    misconception_id: Series[str] = slug("Misconception (identifier)")
    lesson: Series[str] = pa.Field(str_matches=r"^\d{2}$", description="Notebook number (two digits)")
    misconception: Series[str] = text("What learners typically get wrong")
    how_the_lesson_addresses_it: Series[str] = text("Where and how the lesson corrects it ({red} etc. name a level)")
    section: Series[str] = text("The '## ' heading of the notebook where it is addressed")
    check_id: Series[str] = slug("The self-check that catches it (a check_id of self_checks.csv)")


class DiscussionPrompts(_Table):
    prompt_id: Series[str] = slug("Prompt (identifier)")
    lesson: Series[str] = pa.Field(str_matches=r"^\d{2}$", description="Notebook number (two digits)")
    prompt: Series[str] = text("The question put to the group")
    listen_for: Series[str] = text("What a good discussion brings up")


class CaseScenarios(_Table):
    case_id: Series[str] = slug("Case scenario (identifier)")
    lesson: Series[str] = pa.Field(str_matches=r"^\d{2}$", description="Notebook number (two digits)")
    title: Series[str] = text("Title")
    learners: Series[str] = text("Who it is written for")
    scenario: Series[str] = text("The case, as told to the learners (no timing of its own)")
    sign_id: Series[str] = slug("The warning sign it turns on (warning_signs.csv); its level decides the answer")
    good_answer: Series[str] = text(
        "What a good answer covers, points separated by ';'; {level} is the sign's level, {red}, {amber}, {green} name levels"
    )
    source_ids: Series[str] = pa.Field(
        str_matches=r"^[a-z0-9_]+(;\s*[a-z0-9_]+)*$",
        description="Sources of the facts in the good answer, separated by ';'",
    )


@dataclass(frozen=True)
class TableSpec:
    """How one CSV file of ``data/`` is checked beyond its column types."""

    name: str
    filename: str
    model: type[pa.DataFrameModel]
    title: str
    key: tuple[str, ...]
    ranges: tuple[tuple[str, str], ...] = ()
    source_columns: tuple[str, ...] = ("source_id",)
    source_list_columns: tuple[str, ...] = ()
    #: (column, table, key column): each value must be a key of that other table (e.g. a warning sign's level).
    links: tuple[tuple[str, str, str], ...] = ()


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in [
        TableSpec("sources", "sources.csv", Sources, "Sources", key=("source_id",), source_columns=()),
        TableSpec(
            "bone_mets_advanced",
            "bone_mets_advanced.csv",
            BoneMetsAdvanced,
            "Bone metastasis in advanced disease, and survival after it, by primary cancer",
            key=("cancer",),
            ranges=(
                ("bone_pct_low", "bone_pct_high"),
                ("survival_months_low", "survival_months_high"),
                ("seed_pct_low", "seed_pct_high"),
            ),
        ),
        TableSpec(
            "bone_mets_at_diagnosis",
            "bone_mets_at_diagnosis.csv",
            BoneMetsAtDiagnosis,
            "Bone metastasis at diagnosis among patients already metastatic (SEER)",
            key=("cancer",),
        ),
        TableSpec(
            "bone_at_diagnosis_by_study",
            "bone_at_diagnosis_by_study.csv",
            BoneAtDiagnosisByStudy,
            "The same share in several SEER studies: bone involvement among patients metastatic at diagnosis",
            key=("cancer", "source_id"),
        ),
        TableSpec(
            "bone_mets_cumulative",
            "bone_mets_cumulative.csv",
            BoneMetsCumulative,
            "Cumulative incidence of bone metastasis over time, all patients",
            key=("cancer", "years"),
            ranges=(("pct_low", "pct_high"), ("pct_low", "pct"), ("pct", "pct_high")),
        ),
        TableSpec(
            "bone_sites",
            "bone_sites.csv",
            BoneSites,
            "Common sites of bone metastasis, with body-map coordinates",
            key=("site_id",),
        ),
        TableSpec(
            "metastatic_sites",
            "metastatic_sites.csv",
            MetastaticSites,
            "Where metastases go, by primary cancer and dataset",
            key=("primary", "site", "dataset"),
        ),
        TableSpec(
            "brain_mets_incidence",
            "brain_mets_incidence.csv",
            BrainMetsIncidence,
            "Brain-metastasis incidence by primary cancer",
            key=("primary", "source_id", "measure"),
        ),
        TableSpec(
            "spread_routes",
            "spread_routes.csv",
            SpreadRoutes,
            "The routes cancer cells take through the blood and lymph",
            key=("route_id",),
        ),
        TableSpec(
            "cascade_steps",
            "cascade_steps.csv",
            CascadeSteps,
            "The steps of the invasion-metastasis cascade",
            key=("step_id",),
        ),
        TableSpec(
            "cascade_funnel",
            "cascade_funnel.csv",
            CascadeFunnel,
            "How many cells survive each step (metastatic inefficiency)",
            key=("model", "stage_order"),
        ),
        TableSpec(
            "tnm_categories",
            "tnm_categories.csv",
            TnmCategories,
            "How spread is described: the TNM categories (AJCC/UICC 8th edition, stomach)",
            key=("category_id",),
        ),
        TableSpec(
            "lymph_node_figures",
            "lymph_node_figures.csv",
            LymphNodeFigures,
            "Lymph node spread and sentinel nodes in gastric cancer",
            key=("figure_id",),
        ),
        TableSpec(
            "vicious_cycle", "vicious_cycle.csv", ViciousCycle, "The bone vicious cycle, step by step", key=("step",)
        ),
        TableSpec(
            "bone_drug_risks",
            "bone_drug_risks.csv",
            BoneDrugRisks,
            "The main risks of the bone-targeted drugs",
            key=("risk_id",),
        ),
        TableSpec(
            "lesion_types",
            "lesion_types.csv",
            LesionTypes,
            "Lytic, blastic and mixed bone lesions",
            key=("lesion_type",),
        ),
        TableSpec(
            "urgency_levels",
            "urgency_levels.csv",
            UrgencyLevels,
            "The urgency scale: how soon to act on a warning sign, and whom to contact",
            key=("level",),
            source_columns=(),
            source_list_columns=("source_ids",),
        ),
        TableSpec(
            "warning_signs",
            "warning_signs.csv",
            WarningSigns,
            "Warning signs of bone metastasis and of recurrence by site",
            key=("sign_id",),
            links=(("level", "urgency_levels", "level"),),
        ),
        TableSpec(
            "detection_methods",
            "detection_methods.csv",
            DetectionMethods,
            "Which test sees what",
            key=("method_id",),
        ),
        TableSpec(
            "detection_thresholds",
            "detection_thresholds.csv",
            DetectionThresholds,
            "What an X-ray needs before a lesion shows",
            key=("method",),
            ranges=(("mineral_loss_pct_low", "mineral_loss_pct_high"),),
        ),
        TableSpec("glossary", "glossary.csv", Glossary, "Glossary of the terms the course uses", key=("term",)),
        TableSpec(
            "recurrence_faq",
            "recurrence_faq.csv",
            RecurrenceFaq,
            "The recurrence FAQ",
            key=("faq_id",),
            source_columns=(),
            source_list_columns=("source_ids",),
        ),
        TableSpec(
            "tumour_markers",
            "tumour_markers.csv",
            TumourMarkers,
            "Sensitivity of tumour markers in gastric cancer",
            key=("marker",),
        ),
        TableSpec(
            "followup_schedule",
            "followup_schedule.csv",
            FollowupSchedule,
            "Follow-up schedules after gastric cancer surgery",
            key=("schedule_id", "year_from"),
            ranges=(("year_from", "year_to"),),
        ),
        TableSpec(
            "recurrence_timing",
            "recurrence_timing.csv",
            RecurrenceTiming,
            "When recurrences happen after gastric cancer surgery",
            key=("source_id", "years_after_surgery"),
        ),
        TableSpec(
            "guideline_statements",
            "guideline_statements.csv",
            GuidelineStatements,
            "What guidelines say about follow-up",
            key=("statement_id",),
        ),
        TableSpec(
            "self_checks",
            "self_checks.csv",
            SelfChecks,
            "The self-checks of every notebook",
            key=("check_id",),
            source_columns=(),
            source_list_columns=("source_ids",),
        ),
        TableSpec(
            "self_check_options",
            "self_check_options.csv",
            SelfCheckOptions,
            "The options of each self-check, with its feedback",
            key=("check_id", "option"),
            source_columns=(),
            links=(("check_id", "self_checks", "check_id"),),
        ),
        TableSpec(
            "course_review",
            "course_review.csv",
            CourseReview,
            "When each notebook's content was last reviewed, and when the next review is due",
            key=("notebook",),
            source_columns=(),
        ),
        TableSpec(
            "popular_articles",
            "popular_articles.csv",
            PopularArticles,
            "The two popular articles the course started from (quoted to be checked, not as sources)",
            key=("article_id",),
            source_columns=(),
        ),
        TableSpec(
            "myths",
            "myths.csv",
            Myths,
            "The popular articles' claims that are wrong or overstated, and the evidence",
            key=("myth_id",),
            source_columns=(),
            source_list_columns=("source_ids",),
            links=(("article", "popular_articles", "article_id"),),
        ),
        TableSpec(
            "patient_signs",
            "patient_signs.csv",
            PatientSigns,
            "Warning signs in plain words for the patient card (each takes its urgency level from warning_signs)",
            key=("sign_id",),
            source_columns=(),
            links=(("sign_id", "warning_signs", "sign_id"),),
        ),
        TableSpec(
            "question_prompts",
            "question_prompts.csv",
            QuestionPrompts,
            "Questions to ask the care team (the printable question sheet), drawn from published question-prompt lists",
            key=("question_id",),
        ),
        TableSpec(
            "support_organisations",
            "support_organisations.csv",
            SupportOrganisations,
            "Where to get support: national patient organisations and trusted patient information",
            key=("org_id",),
        ),
        TableSpec(
            "patient_figures",
            "patient_figures.csv",
            PatientFigures,
            "How each survival or recurrence figure on a patient page is framed: who, over what time, when, and what it does not mean",
            key=("figure_id",),
        ),
        TableSpec(
            "session_formats",
            "session_formats.csv",
            SessionFormats,
            "The instructor guide's session plans: length and audience",
            key=("plan",),
            source_columns=(),
        ),
        TableSpec(
            "session_plans",
            "session_plans.csv",
            SessionPlans,
            "The session plans, row by row: what is taught in class and what is set as pre-reading or homework",
            key=("plan", "row"),
            source_columns=(),
            links=(("plan", "session_formats", "plan"),),
        ),
        TableSpec(
            "misconceptions",
            "misconceptions.csv",
            Misconceptions,
            "What learners typically get wrong, lesson by lesson, and how the lesson addresses it",
            key=("misconception_id",),
            source_columns=(),
            links=(("check_id", "self_checks", "check_id"),),
        ),
        TableSpec(
            "discussion_prompts",
            "discussion_prompts.csv",
            DiscussionPrompts,
            "Discussion prompts for instructors, lesson by lesson",
            key=("prompt_id",),
            source_columns=(),
        ),
        TableSpec(
            "case_scenarios",
            "case_scenarios.csv",
            CaseScenarios,
            "Case scenarios for nursing and allied-health learners, each tied to a warning sign and its urgency level",
            key=("case_id",),
            source_columns=(),
            source_list_columns=("source_ids",),
            links=(("sign_id", "warning_signs", "sign_id"),),
        ),
    ]
}


def range_check(low: str, high: str) -> pa.Check:
    """``low <= high`` on every row where both are given."""
    return pa.Check(
        lambda df: df[low].isna() | df[high].isna() | (df[low] <= df[high]),
        name=f"{low} <= {high}",
    )


def source_check(source_ids: frozenset[str]) -> pa.Check:
    """The value names a row of sources.csv."""
    return pa.Check(lambda s: s.isin(source_ids), name="source id exists in sources.csv")


def source_list_check(source_ids: frozenset[str]) -> pa.Check:
    """Every id of a ';'-separated list names a row of sources.csv."""
    return pa.Check(
        lambda v: all(part.strip() in source_ids for part in str(v).split(";")),
        element_wise=True,
        name="every source id (separated by ';') exists in sources.csv",
    )


def link_check(table: str, keys: frozenset[str]) -> pa.Check:
    """The value names a row of another table."""
    return pa.Check(lambda s: s.isin(keys), name=f"value exists in {table}.csv")


def build_schema(
    spec: TableSpec, source_ids: frozenset[str] | None, linked: dict[str, frozenset[str]] | None = None
) -> pa.DataFrameSchema:
    """The full schema of one table: its model, plus key, ranges and links to sources.csv and other tables.

    ``linked`` maps each column of ``spec.links`` to the keys of the table it points to."""
    schema = copy.deepcopy(spec.model.to_schema())  # to_schema() is cached: never mutate it
    schema.checks = list(schema.checks) + [range_check(lo, hi) for lo, hi in spec.ranges]
    schema.unique = list(spec.key)
    if source_ids is not None:
        updates: dict[str, dict[str, Any]] = {}
        for col in spec.source_columns:
            updates[col] = {"checks": [*list(schema.columns[col].checks), source_check(source_ids)]}
        for col in spec.source_list_columns:
            updates[col] = {"checks": [*list(schema.columns[col].checks), source_list_check(source_ids)]}
        if updates:
            schema = schema.update_columns(updates)
    if linked:
        tables = {col: table for col, table, _ in spec.links}
        schema = schema.update_columns(
            {
                col: {"checks": [*list(schema.columns[col].checks), link_check(tables[col], keys)]}
                for col, keys in linked.items()
            }
        )
    return schema


def column_descriptions(spec: TableSpec) -> dict[str, str]:
    """Column name -> description, in file order (for the data dictionary)."""
    schema = spec.model.to_schema()
    return {name: col.description or "" for name, col in schema.columns.items()}


def text_columns(name: str) -> list[str]:
    """The free-text columns of a table (declared with :func:`text`): prose shown to readers, always escaped."""
    schema = TABLES[name].model.to_schema()
    return [column for column, col in schema.columns.items() if (col.metadata or {}).get("text")]


__all__ = ["TABLES", "TableSpec", "build_schema", "column_descriptions", "text_columns"]
