"""The whole-register pages: upload, match columns, check, download; the file is kept only
for this browser and deleted after the download or when asked."""

import io
import zipfile
from pathlib import Path

import pytest
from flask import g

from service.answers_upload import UploadError, answers_from_docx
from service.bulk import jobs
from service.extensions import db
from tests.service.bulk.registers import PUPILS, as_csv, plan_rows
from tests.service.own_document import csrf_token, page

SAMPLES = Path(__file__).parent / "samples"
INDEX = "/whole-register/"


@pytest.fixture
def plan(app):
    return app.extensions["catalogue"].get("sen-support-plan")


def upload(client, data, name="register.csv", document="sen-support-plan"):
    token = csrf_token(client, INDEX)
    return client.post(
        INDEX,
        data={"csrf_token": token, "document": document, "register": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def guessed(client, url):
    """The columns page's form as it stands: each select's chosen option, K ticked."""
    shown = page(client.get(url))
    form = {"csrf_token": shown.xpath("//input[@name='csrf_token']/@value")[0]}
    for select in shown.xpath("//select"):
        chosen = select.xpath("./option[@selected]/@value")
        form[select.get("name")] = chosen[0] if chosen else ""
    form["statuses"] = [
        box.get("value") for box in shown.xpath("//input[@name='statuses'][@checked]")
    ]
    return form


def errors_on(response):
    return [" ".join(item.text_content().split()) for item in page(response).xpath(
        "//div[contains(@class,'govuk-error-summary')]//li")]  # fmt: skip


def test_a_sims_export_is_matched_checked_and_downloaded(client):
    uploaded = upload(client, (SAMPLES / "sims_sen_register.csv").read_bytes())
    assert uploaded.status_code == 303
    columns_url = uploaded.location
    shown = page(client.get(columns_url))
    assert "Check which column holds what" in shown.xpath("string(//h1)")
    unused = [li.text_content() for li in shown.xpath("//div[@class='govuk-inset-text']//li")]
    assert "Gender" in unused  # listed, not dropped silently
    checked = client.post(columns_url, data=guessed(client, columns_url))
    assert checked.status_code == 303
    report = client.get(checked.location)
    text = " ".join(page(report).text_content().split())
    assert "10 documents can be made." in text
    assert "2 pupils were left out because of their SEN status." in text
    download = page(report).xpath("//a[contains(., 'Word documents (ZIP)')]/@href")[0]
    response = client.get(download)
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    plans = [name for name in archive.namelist() if name.startswith("SEN support plans/")]
    assert len(plans) == 10
    assert db.session.query(jobs.BulkJob).count() == 0  # deleted once downloaded
    again = client.get(download)
    assert again.status_code == 404
    assert "The file you uploaded has been deleted" in page(again).xpath("string(//h1)")


def test_problems_are_listed_by_row_and_column(client, plan):
    rows = plan_rows(plan)
    rows[1]["child_dob"] = "31/02/2016"
    uploaded = upload(client, as_csv(rows))
    form = guessed(client, uploaded.location)
    report = client.get(client.post(uploaded.location, data=form).location)
    cells = [" ".join(td.text_content().split()) for td in page(report).xpath("//tbody//td")]
    assert cells == [
        "Row 3", "child_dob", "Date of birth must be a real date, like 27/03/2015 or 2015-03-27"
    ]  # fmt: skip
    assert "2 documents can be made." in page(report).text_content()


def test_the_columns_page_refuses_a_column_chosen_twice_and_no_pupils(client, plan):
    uploaded = upload(client, as_csv(plan_rows(plan)))
    form = guessed(client, uploaded.location)
    first, second = [key for key in form if key.startswith("column-")][:2]
    form[second] = form[first]
    form["statuses"] = []
    refused = client.post(uploaded.location, data=form)
    assert refused.status_code == 422
    errors = errors_on(refused)
    assert any("Only one column can be" in error for error in errors)
    assert "Select which pupils to make documents for" in errors


def test_a_file_that_is_not_a_register_is_refused_on_the_upload_page(client):
    refused = upload(client, b"%PDF-1.7 not a register", "register.pdf")
    assert refused.status_code == 422
    assert errors_on(refused)  # says why, in words
    assert page(refused).xpath("//input[@id='document-2' or @id='document'][@checked]")


def test_a_file_past_the_limit_is_refused_before_it_is_read(client, app):
    app.config["BULK_MAX_BYTES"] = 1024 * 1024
    refused = upload(client, b"child_name\n" + b"x" * (2 * 1024 * 1024))
    refused.request.input_stream.close()  # the test client's spooled body: a browser's own
    assert refused.status_code == 413
    assert errors_on(refused) == [
        "The file must be smaller than 1 MB. Split the register into smaller files"
    ]


def test_another_browser_cannot_see_the_file(client, app, plan):
    uploaded = upload(client, as_csv(plan_rows(plan)))
    g.pop("csrf_token", None)
    assert app.test_client().get(uploaded.location).status_code == 404


def test_the_file_can_be_deleted(client, plan):
    uploaded = upload(client, as_csv(plan_rows(plan)))
    form = guessed(client, uploaded.location)
    report_url = client.post(uploaded.location, data=form).location
    token = csrf_token(client, report_url)
    job_id = report_url.split("/")[2]
    deleted = client.post(f"/whole-register/{job_id}/delete", data={"csrf_token": token})
    assert deleted.location == INDEX
    assert "We have deleted the file you uploaded." in client.get(INDEX).get_data(as_text=True)
    assert db.session.query(jobs.BulkJob).count() == 0


def test_the_register_is_stored_encrypted(client, plan):
    upload(client, as_csv(plan_rows(plan)))
    [job] = db.session.query(jobs.BulkJob).all()
    assert b"Adeyemi" not in job.payload


def test_a_template_filled_in_is_read_without_matching(client, app, plan):
    template = client.get("/whole-register/template/sen-support-plan.csv")
    assert template.mimetype == "text/csv"
    headings = template.get_data(as_text=True).lstrip("\ufeff").strip().split(",")
    assert {"child_name", "outcomes.1.target", "provision.1.minutes"} <= set(headings)
    rows = plan_rows(plan, PUPILS[:1])
    filled = as_csv(rows, [h for h in headings if h in rows[0]])
    uploaded = upload(client, filled)
    form = guessed(client, uploaded.location)
    mapped = {value for key, value in form.items() if key.startswith("column-")}
    assert {"child_name", "upn", "outcomes.1.target"} <= mapped
    workbook = client.get("/whole-register/template/sen-support-plan.xlsx")
    assert workbook.data.startswith(b"PK")


def test_reviews_from_the_zip_of_plans_skip_the_columns_page(client, plan):
    plans = client.post(
        "/api/v1/documents/sen-support-plan/bulk",
        data=as_csv(plan_rows(plan)),
        content_type="text/csv",
    ).data
    uploaded = upload(client, plans, "SEN support plans.zip", "sen-support-review")
    check = client.get(uploaded.location)
    assert check.status_code == 303
    report = client.get(check.location)
    assert "3 documents can be made." in page(report).text_content()


@pytest.mark.libreoffice
def test_pdfs_for_a_register_are_made_in_the_background(client, plan, soffice_path):
    import time  # noqa: PLC0415

    uploaded = upload(client, as_csv(plan_rows(plan, PUPILS[:2])))
    report_url = client.post(uploaded.location, data=guessed(client, uploaded.location)).location
    token = csrf_token(client, report_url)
    job_id = report_url.split("/")[2]
    started = client.post(f"/whole-register/{job_id}/pdf", data={"csrf_token": token})
    progress_url = started.location
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        shown = page(client.get(progress_url))
        if "ready" in shown.xpath("string(//title)") or "could not" in shown.xpath(
            "string(//title)"
        ):
            break
        time.sleep(1)
    assert "Your PDFs are ready" in shown.text_content()
    download = shown.xpath("//a[contains(., 'Download the PDFs')]/@href")[0]
    archive = zipfile.ZipFile(io.BytesIO(client.get(download).data))
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(pdfs) == 2
    assert all(archive.read(name).startswith(b"%PDF") for name in pdfs)


def test_answers_the_same_for_every_pupil_are_given_once(client):
    uploaded = upload(client, (SAMPLES / "sims_sen_register.csv").read_bytes())
    form = guessed(client, uploaded.location)
    refused = client.post(uploaded.location, data={**form, "shared-plan_start": "next Monday"})
    assert refused.status_code == 422
    assert any("must be a real date" in error for error in errors_on(refused))
    assert page(refused).xpath("//input[@name='shared-plan_start']/@value") == ["next Monday"]
    form.update({"shared-school_name": "Elmbrook Primary School", "shared-senco_name": "Mrs Patel"})
    report = client.get(client.post(uploaded.location, data=form).location)
    download = page(report).xpath("//a[contains(., 'Word documents (ZIP)')]/@href")[0]
    archive = zipfile.ZipFile(io.BytesIO(client.get(download).data))
    plans = [name for name in archive.namelist() if name.startswith("SEN support plans/")]
    with client.application.test_request_context():
        for name in plans:
            with pytest.raises(UploadError) as unfinished:  # the rest is still to write
                answers_from_docx(archive.read(name))
            assert unfinished.value.answers["school_name"] == "Elmbrook Primary School"
            assert unfinished.value.answers["senco_name"] == "Mrs Patel"


def test_a_browser_keeps_at_most_three_registers_uploaded(client, plan):
    data = as_csv(plan_rows(plan))
    uploads = [upload(client, data).location for _ in range(5)]
    assert db.session.query(jobs.BulkJob).count() == jobs.MOST_HELD
    assert client.get(uploads[0]).status_code == 404  # the oldest went first
    assert client.get(uploads[-1]).status_code == 200
