"""The whole-register pages in real Chromium: a SENCO finds them from the start page, uploads a
SIMS export, corrects a guessed column, is told what is missing and what is wrong by row and
column, uploads a corrected file and downloads a Word document per pupil; the same by keyboard
alone, and without JavaScript; PDFs made in the background with a page that shows progress; a
3,000-character heading or cell that must not widen the page. axe on every state, at phone and
desktop widths."""

import csv
import io
import time
import zipfile
from pathlib import Path

import pytest

from tests.browser.driver import KeyboardFiller
from tests.browser.test_cases import PHONE, check_widths, go

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[1] / "service" / "bulk" / "samples"
SIMS = (SAMPLES / "sims_sen_register.csv").read_bytes()
SIMS_NAME = "sims_sen_register.csv"
BAD_BIRTHDAY = ("02/11/2016", "31/02/2016")  # Niamh O'Brien's, the register's row 3
SUBMIT = "main form button.govuk-button"
STATUS_K = "input[name='statuses'][value='K']"
PLANS = "SEN support plans"  # the folder of the ZIP that holds the plans
PDF_SECONDS = 300  # ten cold LibreOffice conversions on a busy two-core machine
WITH_AND_WITHOUT_JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)


def browser_page(request, javascript):
    return request.getfixturevalue("page" if javascript else "page_without_javascript")


def check_state(page, javascript, check_accessible, label):
    """axe at both widths (axe is a script: with JavaScript only); never wider than a phone."""
    if javascript:
        check_widths(page, check_accessible, label)
    else:
        page.set_viewport_size({"width": PHONE, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, label


def register_rows(data=SIMS):
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def k_surnames(data=SIMS):
    """The surnames of the pupils at SEN support (K): the ones documents are made for."""
    return [row["Legal Surname"] for row in register_rows(data) if row["SEN Status"] == "K"]


def as_file(data, name=SIMS_NAME):
    return {"name": name, "mimeType": "text/csv", "buffer": data}


def upload(page, data, name=SIMS_NAME):
    """From the upload page, send the register as an SEN support plan's; lands on the page
    after."""
    assert page.is_checked("input[name='document'][value='sen-support-plan']")
    page.set_input_files("#register", as_file(data, name))
    go(page, SUBMIT)


def column_select(page, heading):
    """The select for the register's column with this heading."""
    label = page.locator("main label.govuk-label", has_text=f"Column ‘{heading}’")
    return "#" + label.get_attribute("for")


def follow_error_link(page, javascript, target):
    """The error summary has focus (GOV.UK Frontend's script moves it there); its link moves
    focus to the field, by the script or, without it, by the browser following the link."""
    assert page.title().startswith("Error: ")
    if javascript:
        assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    page.click(f".govuk-error-summary__list a[href='#{target}']")
    assert page.evaluate("document.activeElement.id") == target


def problem_rows(page):
    return [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in page.locator("main table tbody tr").all()
    ]


def downloaded_zip(page, click):
    """The ZIP a download gives when `click()` starts it."""
    with page.expect_download() as download:
        click()
    return zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))


def documents_in(archive, extension="docx"):
    """The pupils' documents, in their folder (beside them: the summary, the provision map)."""
    return [
        name
        for name in archive.namelist()
        if name.startswith(f"{PLANS}/") and name.endswith(f".{extension}")
    ]


def check_one_document_each(archive, surnames, extension="docx"):
    """One document per pupil, each named with their surname, plus the summary of them all."""
    names = documents_in(archive, extension)
    assert len(names) == len(surnames), names
    for surname in surnames:
        assert len([name for name in names if f" {surname} " in name]) == 1, (surname, names)
    summary = list(csv.reader(io.StringIO(archive.read("Summary.csv").decode("utf-8-sig"))))
    results = [row[2] for row in summary[1:]]
    assert results.count("Made") == len(surnames), summary


def document_text(archive, surname):
    (name,) = [name for name in documents_in(archive) if f" {surname} " in name]
    with zipfile.ZipFile(io.BytesIO(archive.read(name))) as document:
        return document.read("word/document.xml").decode("utf-8")


@WITH_AND_WITHOUT_JAVASCRIPT
def test_a_senco_turns_a_register_into_a_plan_for_every_pupil(
    request, javascript, live_server, check_accessible
):
    page = browser_page(request, javascript)
    base = live_server
    surnames = k_surnames()
    bad = SIMS.replace(BAD_BIRTHDAY[0].encode(), BAD_BIRTHDAY[1].encode(), 1)

    # Found from the start page's section for schools.
    page.goto(f"{base}/")
    go(page, "#for-schools ~ p a[href='/whole-register/']")
    assert page.inner_text("main h1") == "Make documents for your whole SEN register"
    check_state(page, javascript, check_accessible, "upload page")

    go(page, SUBMIT)
    assert "Select a CSV or Excel file of your SEN register" in page.inner_text(
        ".govuk-error-summary"
    )
    check_state(page, javascript, check_accessible, "upload page, no file chosen")
    follow_error_link(page, javascript, "register")

    # The guesses, one of them changed; no status ticked is refused, keeping the change.
    upload(page, bad)
    assert page.inner_text("main h1") == "Check which column holds what"
    assert page.inner_text("main .govuk-caption-l") == SIMS_NAME
    guessed = {
        "DOB": "child_dob",
        "UPN": "upn",
        "Reg": "class_name",
        "SEN Status": "sen_status",
        "Primary Need": "primary_need",
        "Gender": "",
    }
    for heading, field in guessed.items():
        assert page.input_value(column_select(page, heading)) == field, heading
    assert "Gender" in page.inner_text("main .govuk-inset-text")
    assert page.is_checked(STATUS_K)
    check_state(page, javascript, check_accessible, "columns")
    reg = column_select(page, "Reg")
    page.select_option(reg, "")
    page.uncheck(STATUS_K)
    go(page, SUBMIT)
    assert "Select which pupils to make documents for" in page.inner_text(".govuk-error-summary")
    check_state(page, javascript, check_accessible, "columns, no status ticked")
    follow_error_link(page, javascript, "statuses")
    assert page.input_value(reg) == ""

    # The bad date by row and column; the others can still be made.
    page.check(STATUS_K)
    go(page, SUBMIT)
    assert page.inner_text("main h1") == "Some rows have problems"
    assert problem_rows(page) == [
        ["Row 3", "DOB", "Date of birth must be a real date, like 27/03/2015 or 2015-03-27"]
    ]
    facts = page.inner_text("main .govuk-list--bullet")
    assert f"{len(surnames) - 1} documents can be made." in facts
    assert "2 pupils were left out because of their SEN status." in facts
    left_out = page.text_content("main details")
    assert "Begum" in left_out
    assert "Kowalski" in left_out
    check_state(page, javascript, check_accessible, "check, a row with problems")
    go(page, "main a:text-is('Change which column holds what')")
    assert page.input_value(reg) == ""

    # A corrected file: nothing wrong, every K pupil's plan in one ZIP.
    page.go_back()
    go(page, "main a:text-is('Upload a corrected file')")
    upload(page, SIMS)
    page.select_option(column_select(page, "Reg"), "")
    go(page, SUBMIT)
    assert page.inner_text("main h1") == "Your file is ready"
    assert page.locator("main table").count() == 0
    check_state(page, javascript, check_accessible, "check, nothing wrong")
    check_page = page.url
    button = f"main a.govuk-button:text-is('Download {len(surnames)} Word documents (ZIP)')"
    archive = downloaded_zip(page, lambda: page.click(button))
    check_one_document_each(archive, surnames)
    plan = document_text(archive, "Okafor")
    assert "Oluwatobiloba" in plan
    assert "5W" not in plan  # the class column was set not to be used

    # Downloaded: the uploaded file is gone, and the page says so.
    assert page.goto(check_page).status == 404
    assert page.inner_text("h1") == "The file you uploaded has been deleted"
    check_state(page, javascript, check_accessible, "file deleted after download")

    # Deleted by hand, with a notice saying so.
    page.goto(f"{base}/whole-register/")
    upload(page, SIMS)
    go(page, SUBMIT)
    check_page = page.url
    go(page, "main button:text-is('Delete the file I uploaded')")
    assert page.url == f"{base}/whole-register/"
    assert "We have deleted the file you uploaded." in page.inner_text(".govuk-notification-banner")
    check_state(page, javascript, check_accessible, "upload page, file deleted")
    assert page.goto(check_page).status == 404
    page.goto(f"{base}/whole-register/")
    assert page.locator(".govuk-notification-banner").count() == 0


def test_a_register_by_keyboard_alone(page, live_server, check_accessible):
    keyboard = KeyboardFiller(page)
    page.goto(f"{live_server}/whole-register/")
    keyboard.focus("#register")
    page.locator(":focus").set_input_files(as_file(SIMS))
    keyboard.press_button(SUBMIT)
    assert page.inner_text("main h1") == "Check which column holds what"

    reg = column_select(page, "Reg")
    assert page.input_value(reg) == "class_name"
    keyboard.focus(reg)
    page.keyboard.type("Do not")  # the select jumps to the choice its typed words begin
    assert page.input_value(reg) == ""
    keyboard.press_button(SUBMIT)
    assert page.inner_text("main h1") == "Your file is ready"
    check_accessible(page, "check, reached by keyboard")

    surnames = k_surnames()
    keyboard.focus("main a.govuk-button[href$='/documents.zip']")
    assert page.inner_text(":focus") == f"Download {len(surnames)} Word documents (ZIP)"
    archive = downloaded_zip(page, lambda: page.keyboard.press("Enter"))
    check_one_document_each(archive, surnames)
    assert "5W" not in document_text(archive, "Okafor")


def long_register():
    """The sample with a 3,000-character heading (one word, no spaces) and a column whose
    3,000-character heading and cells stand for the date of birth, one of them no date."""
    rows = list(csv.reader(io.StringIO(SIMS.decode("utf-8"))))
    dob = rows[0].index("DOB")
    rows[0][dob] = "Born" + "y" * 2996
    rows[0].append("Notes" + "x" * 2995)
    for row in rows[1:]:
        row.append("A" * 3000)
    rows[2][dob] = "B" * 3000
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def test_long_headings_cells_and_file_names_wrap(page, live_server, check_accessible):
    long_name = "SEN_register_exported_" + "z" * 200 + ".csv"
    page.goto(f"{live_server}/whole-register/")
    upload(page, long_register(), long_name)
    assert page.inner_text("main .govuk-caption-l") == long_name
    check_widths(page, check_accessible, "columns, long headings and cells")

    page.select_option("#column-5", "child_dob")  # the long heading in place of DOB
    go(page, SUBMIT)
    assert page.inner_text("main h1") == "Some rows have problems"
    ((where, column, _message),) = problem_rows(page)
    assert (where, len(column)) == ("Row 3", 3000)
    check_widths(page, check_accessible, "check, a problem in a long column")


@pytest.mark.libreoffice
def test_pdfs_made_in_the_background(page, live_server, check_accessible, soffice_path):
    surnames = k_surnames()
    page.goto(f"{live_server}/whole-register/")
    upload(page, SIMS)
    go(page, SUBMIT)
    go(page, "main button:text-is('Make PDFs instead')")
    assert page.inner_text("main h1") == "Making your PDFs"
    assert page.inner_text("main [role='status']").endswith(f"of {len(surnames)} made.")
    check_widths(page, check_accessible, "progress")

    deadline = time.monotonic() + PDF_SECONDS
    while page.locator("main a.govuk-button:text-is('Check progress')").count():
        assert time.monotonic() < deadline, page.inner_text("main")
        time.sleep(2)
        go(page, "main a.govuk-button:text-is('Check progress')")
    assert page.inner_text("main .govuk-panel__title") == "Your PDFs are ready"
    check_widths(page, check_accessible, "progress, done")

    progress_page = page.url
    archive = downloaded_zip(
        page, lambda: page.click("main a.govuk-button:text-is('Download the PDFs (ZIP)')")
    )
    check_one_document_each(archive, surnames, "pdf")
    assert all(archive.read(name).startswith(b"%PDF-") for name in documents_in(archive, "pdf"))
    assert page.goto(progress_page).status == 404
