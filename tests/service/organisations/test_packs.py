"""Template packs: every document an organisation offers, in its order, as a blank template
with its details, a filled example and a guidance note that says what the journey says; a
contents sheet with the date the law was last checked; PDFs where LibreOffice is there."""

import io
import zipfile

import pypdf
import pytest
from docx import Document
from docx.oxml.ns import qn

from forms import law
from service import dates
from service.config import ConfigurationError
from service.fields import GroupField, ListField
from service.fields.base import OPTIONAL
from service.organisations.packs import build_pack
from tests.service.organisations.conftest import NORTH, SOUTH
from tests.settings import make_app

BLANK, EXAMPLE, NOTE = "blank template", "filled example", "guidance note"


def make(app, slug, *, pdf=False):
    organisation = app.extensions["organisations"][slug]
    return zipfile.ZipFile(io.BytesIO(b"".join(build_pack(organisation, pdf=pdf))))


@pytest.fixture
def north(org_app):
    return make(org_app, NORTH["slug"])


def body_text(data):
    """Every paragraph of a .docx's body, tables included, a line each."""
    body = Document(io.BytesIO(data)).element.body
    return "\n".join(
        "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        for paragraph in body.iter(qn("w:p"))
    )


def footer_text(data):
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for section in document.sections for p in section.footer.paragraphs)


def file_of(pack, document, kind):
    (name,) = [n for n in pack.namelist() if n.endswith(f"{document.title} - {kind}.docx")]
    return pack.read(name)


def documents(app, data):
    catalogue = app.extensions["catalogue"]
    return [catalogue.get(slug) for slug in data["documents"]]


def test_every_chosen_document_has_its_folder_in_order_with_template_example_and_note(
    org_app, north
):
    names = north.namelist()
    expected = []
    for number, document in enumerate(documents(org_app, NORTH), start=1):
        folder = f"{number:02d} {document.title}"
        expected += [f"{folder}/{document.title} - {kind}.docx" for kind in (BLANK, EXAMPLE, NOTE)]
    assert names == [*expected, "Contents.docx"]
    assert not any(":" in name or "\\" in name for name in names)  # safe on Windows
    for name in names:
        assert Document(io.BytesIO(north.read(name))).paragraphs  # every one opens as Word


def test_the_contents_sheet_lists_every_file_and_says_when_the_law_was_checked(north):
    contents = body_text(north.read("Contents.docx"))
    for name in north.namelist():
        assert name.rpartition("/")[2] in contents
    assert "North Vale Advice template pack" in contents
    assert f"Made on {dates.long_date(dates.today())}" in contents
    assert f"last checked on {dates.long_date(law.LAST_VERIFIED)}" in contents
    assert "PDF copies were not asked for" in contents


def test_the_blank_template_has_the_council_where_the_letter_addresses_it(org_app, north):
    request, concern = documents(org_app, NORTH)[:2]
    blank = body_text(file_of(north, request, BLANK))
    # The council's name and each line of its address, in the letter's address block.
    for line in ["North Vale Council", *NORTH["council"]["address"].splitlines()]:
        assert f"\n{line}\n" in blank
    assert "[name of the council]" not in blank
    assert "[child's full name]" in blank  # everything else is still a gap
    # A letter to a school has no council in it.
    assert "North Vale Council" not in body_text(file_of(north, concern, BLANK))


def test_every_file_carries_the_organisations_details_in_its_footer(org_app, north):
    for document in documents(org_app, NORTH):
        for kind in (BLANK, EXAMPLE, NOTE):
            footer = footer_text(file_of(north, document, kind))
            for detail in ("North Vale Advice", "0808 157 0101", NORTH["email"]):
                assert detail in footer, (document.slug, kind)


def test_the_filled_example_is_the_documents_own_example(org_app, north):
    request = documents(org_app, NORTH)[0]
    example = body_text(file_of(north, request, EXAMPLE))
    assert request.example["child_name"] in example
    assert "[" not in example.replace("[delete if not needed]", "")


def gap_words(field):
    """The words of a question the guidance note must show: its label, and its prompt where
    the blank template shows one; for a list of groups, those of each part."""
    words = [field.label.text.removesuffix(OPTIONAL)]
    blank = field.blank()
    if isinstance(blank, str):
        words.append(blank)
    if isinstance(field, ListField):
        entry = field.prototype
        if isinstance(entry, GroupField):
            for part in entry.answer_fields():
                words += gap_words(part)
        else:
            words.append(entry.blank())
    return words


def test_the_guidance_note_says_what_every_gap_of_the_document_needs(org_app, north):
    for document in documents(org_app, NORTH):
        note = body_text(file_of(north, document, NOTE))
        for step in document.steps:
            assert step.prototype().title in note, (document.slug, step.slug)
            for field in step.prototype().answer_fields():
                for words in gap_words(field):
                    assert words in note, (document.slug, field.short_name, words)
        assert f"{document.summary}" in note
        assert "Required" in note
        assert "Optional" in note


def test_the_guidance_note_names_the_council_details_already_filled_in(org_app, north):
    note = body_text(file_of(north, documents(org_app, NORTH)[0], NOTE))
    assert "already has North Vale Council’s details here" in note


def printed_citations(text):
    """The register's citations a document's text prints; one printed only inside a longer
    one ("section 36" in "section 36(8)") does not count."""
    folded = text.casefold()
    found = [c for c in law.CITATIONS.values() if c.short.casefold() in folded]
    return [
        c
        for c in found
        if not any(c is not o and c.short.casefold() in o.short.casefold() for o in found)
    ]


def test_the_guidance_note_gives_the_law_the_document_prints_and_its_dates(org_app, north):
    for document in documents(org_app, NORTH):
        note = body_text(file_of(north, document, NOTE))
        example = body_text(file_of(north, document, EXAMPLE))
        cited = printed_citations(example)
        assert cited, document.slug  # each of these documents cites the law
        law_part = note.partition("The law it rests on")[2].casefold()
        for citation in cited:
            assert citation.short.casefold() in law_part, (document.slug, citation.key)
            assert citation.summary in note
        if any(citation.confidence == "secondary" for citation in cited):
            assert "only against a reliable secondary source" in note
        keys = {citation.key for citation in cited}
        for limit in law.TIME_LIMITS.values():
            if limit.citation in keys:
                assert f"{limit.description}: " in note, (document.slug, limit.key)
        answers = document.example
        for reminder in document.reminders(answers) if document.reminders else []:
            assert reminder.title in note
            assert reminder.action in note


def test_the_assessment_requests_note_gives_its_statutory_time_limits(org_app, north):
    note = body_text(file_of(north, documents(org_app, NORTH)[0], NOTE))
    assert "Decide whether to carry out an EHC needs assessment: 6 weeks" in note
    assert "Issue the final EHC plan: 20 weeks" in note
    assert "Section 36(8) of the Children and Families Act 2014" in note


def test_two_organisations_packs_each_hold_only_their_own_name(org_app, north):
    south = make(org_app, SOUTH["slug"])
    assert [n.partition("/")[0] for n in south.namelist()[::3]][:2] == [
        "01 Letter to school about your child's needs",
        "02 Formal complaint to your child's school",
    ]
    for pack, own, other in ((north, NORTH, SOUTH), (south, SOUTH, NORTH)):
        for name in pack.namelist():
            text = body_text(pack.read(name)) + footer_text(pack.read(name))
            assert own["name"] in text, name
            for detail in (other["name"], other["email"], other["helpline"]["phone"]):
                assert detail not in text, (name, detail)
            assert "North Vale Council" not in text or own is NORTH


def test_the_pack_page_explains_the_pack_and_links_to_it(org_client):
    front_door = org_client.get("/o/north-advice/").get_data(as_text=True)
    assert 'href="/o/north-advice/pack"' in front_door
    response = org_client.get("/o/north-advice/pack")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Template pack for advisers" in page
    assert "Ask the council for an EHC needs assessment" in page
    assert f"The law was last checked on {dates.long_date(law.LAST_VERIFIED)}" in page
    assert 'href="/o/north-advice/pack.zip"' in page
    assert "South Shore" not in page
    assert org_client.get("/o/nobody/pack").status_code == 404


def test_the_pack_downloads_as_a_zip_named_for_the_organisation(org_client):
    response = org_client.get("/o/north-advice/pack.zip?pdf=no")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="North Vale Advice template pack.zip"'
    )
    assert response.headers["Cache-Control"] == "no-store"
    pack = zipfile.ZipFile(io.BytesIO(response.data))
    assert "Contents.docx" in pack.namelist()
    assert len(pack.namelist()) == 3 * len(NORTH["documents"]) + 1
    assert org_client.get("/o/nobody/pack.zip").status_code == 404


def test_the_pack_counts_against_the_limits_on_expensive_work(org_folder):
    app = make_app(ORGANISATIONS_DIR=str(org_folder), RATELIMIT_RENDER="1 per minute")
    client = app.test_client()
    assert client.get("/o/south-advice/pack.zip?pdf=no").status_code == 200
    refused = client.get("/o/south-advice/pack.zip?pdf=no")
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers


def test_without_libreoffice_the_pack_leaves_pdfs_out_and_says_so(org_folder):
    app = make_app(ORGANISATIONS_DIR=str(org_folder), LIBREOFFICE_PATH="/nowhere/soffice")
    with app.app_context():
        pack = make(app, SOUTH["slug"], pdf=True)
    assert not [name for name in pack.namelist() if name.endswith(".pdf")]
    assert "this copy of the service cannot make PDFs" in body_text(pack.read("Contents.docx"))
    page = app.test_client().get("/o/south-advice/pack").get_data(as_text=True)
    assert "PDF copy" not in page


def test_the_command_writes_the_same_pack(org_app, north, tmp_path):
    target = tmp_path / "pack.zip"
    runner = org_app.test_cli_runner()
    result = runner.invoke(args=["packs", "build", "north-advice", "-o", str(target), "--no-pdf"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {target}" in result.output
    written = zipfile.ZipFile(target)
    assert written.namelist() == north.namelist()
    for name in north.namelist():
        assert body_text(written.read(name)) == body_text(north.read(name)), name


def test_the_command_names_the_organisations_it_knows(org_app, tmp_path):
    result = org_app.test_cli_runner().invoke(
        args=["packs", "build", "nobody", "-o", str(tmp_path / "pack.zip")]
    )
    assert result.exit_code != 0
    assert "north-advice" in result.output
    assert "south-advice" in result.output
    assert not (tmp_path / "pack.zip").exists()


def test_a_law_register_without_its_parts_stops_the_service_starting(org_folder):
    with pytest.raises(ConfigurationError, match="LAW_REGISTER"):
        make_app(ORGANISATIONS_DIR=str(org_folder), LAW_REGISTER="forms.guide")


@pytest.mark.libreoffice
def test_every_word_file_opens_in_libreoffice_and_has_its_pdf(org_app, soffice_path):
    pack = make(org_app, NORTH["slug"], pdf=True)
    names = pack.namelist()
    word = [name for name in names if name.endswith(".docx")]
    assert len(word) == 3 * len(NORTH["documents"]) + 1
    for name in word:
        pdf_name = name.removesuffix(".docx") + ".pdf"
        assert pdf_name in names, name  # LibreOffice opened the file to make it
        reader = pypdf.PdfReader(io.BytesIO(pack.read(pdf_name)))
        text = " ".join(page.extract_text() for page in reader.pages)
        assert "North Vale Advice" in text, pdf_name
    contents = body_text(pack.read("Contents.docx"))
    assert "Each Word file has a PDF copy beside it" in contents
    assert "Contents.pdf" in contents
