"""POST /api/v1/documents/<slug>/bulk: a register headed by field names in, a ZIP of one
document per pupil out, or every problem by row and field."""

import csv
import io
import zipfile

import openpyxl
import pytest
from docx2python import docx2python

from bench.bulk import register_csv
from service.answers_upload import UploadError, answers_from_docx
from service.bulk.spreadsheet_out import xlsx_bytes
from tests.service.bulk.registers import PUPILS, as_csv, plan_rows

URL = "/api/v1/documents/sen-support-plan/bulk"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def plan(app):
    return app.extensions["catalogue"].get("sen-support-plan")


def post(client, data, content_type="text/csv", query=""):
    return client.post(URL + query, data=data, content_type=content_type)


def unzip(response):
    assert response.status_code == 200, response.get_json()
    assert response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def summary(archive):
    return list(csv.reader(io.StringIO(archive.read("Summary.csv").decode("utf-8-sig"))))


def test_a_register_becomes_a_zip_of_plans_named_to_sort(client, plan):
    archive = unzip(post(client, as_csv(plan_rows(plan))))
    assert sorted(archive.namelist()) == [
        "Dates to remember.ics",
        "Provision map.csv",
        "Provision map.docx",
        "Provision map.xlsx",
        "SEN support plans/Y04 Haddad Amira - SEN support plan.docx",
        "SEN support plans/Y05 Adeyemi Joshua - SEN support plan.docx",
        "SEN support plans/Y06 O'Neill Seán - SEN support plan.docx",
        "Summary.csv",
    ]
    assert [row[:3] for row in summary(archive)] == [
        ["Row", "Pupil", "Result"],
        ["Row 2", "Joshua Adeyemi", "Made"],
        ["Row 3", "Amira Haddad", "Made"],
        ["Row 4", "Seán O'Neill", "Made"],
    ]
    with client.application.test_request_context():
        slug, answers = answers_from_docx(
            archive.read("SEN support plans/Y04 Haddad Amira - SEN support plan.docx")
        )
    assert (slug, answers["child_name"], answers["upn"]) == (
        "sen-support-plan", "Amira Haddad", "A123456789012"
    )  # fmt: skip


def test_two_pupils_of_the_same_name_get_two_files(client, plan):
    twins = [PUPILS[0], PUPILS[0]]
    names = [n for n in unzip(post(client, as_csv(plan_rows(plan, twins)))).namelist()
             if n.endswith(".docx") and "/" in n]  # fmt: skip
    assert names == [
        "SEN support plans/Y05 Adeyemi Joshua - SEN support plan (row 2).docx",
        "SEN support plans/Y05 Adeyemi Joshua - SEN support plan (row 3).docx",
    ]


def test_only_register_facts_fill_a_plan_and_prompts_mark_the_rest(client):
    row = {"child_name": "Amira Haddad", "child_dob": "14/02/2017", "year_group": "Year 4"}
    register = as_csv([{**row, "sen_status": "K", "primary_need": "SLCN"}])
    archive = unzip(post(client, register))
    [name] = [n for n in archive.namelist() if n.startswith("SEN support plans/")]
    text = docx2python(io.BytesIO(archive.read(name))).text
    assert "Amira Haddad" in text
    assert "14 February 2017" in text
    assert "SLCN: speech, language and communication needs" in text
    assert "[what people like and admire about me]" in text  # the pupil's views: theirs to give


def test_problems_come_back_by_row_and_field_when_no_row_can_be_made(client, plan):
    rows = plan_rows(plan, PUPILS[:2])
    rows[0]["child_dob"] = "31/02/2016"
    rows[1]["upn"] = "nonsense"
    response = post(client, as_csv(rows))
    assert response.status_code == 422
    assert response.get_json()["errors"] == {
        "row 2": {
            "child_dob": ["Date of birth must be a real date, like 27/03/2015 or 2015-03-27"]
        },
        "row 3": {"upn": ["Enter a UPN in the correct format: 13 characters, like A123456789012"]},
    }


def test_good_rows_are_made_and_bad_ones_listed_in_the_summary(client, plan):
    rows = plan_rows(plan)
    rows[1]["child_dob"] = "not a date"
    archive = unzip(post(client, as_csv(rows)))
    assert summary(archive)[2] == [
        "Row 3", "Amira Haddad", "Not made", "",
        "child_dob: Date of birth must be a real date, like 27/03/2015 or 2015-03-27",
    ]  # fmt: skip


def test_a_dry_run_checks_without_making_anything(client, plan):
    rows = plan_rows(plan)
    rows[2]["sen_status"] = "E"
    response = post(client, as_csv(rows), query="?dry_run=1")
    assert response.status_code == 200
    assert response.get_json() == {
        "made": 2,
        "errors": {},
        "left_out": {"row 4": "SEN status is EHC plan (E); only SEN support (K) was chosen"},
    }


def test_unknown_columns_are_refused_by_name(client, plan):
    register = as_csv([{**plan_rows(plan)[0], "Gender": "M"}])
    response = post(client, register)
    assert response.status_code == 422
    assert "'Gender'" in response.get_json()["errors"]["request"][0]


def test_a_workbook_with_outcomes_and_provision_on_sheets_of_their_own(client, plan):
    row = {k: v for k, v in plan_rows(plan, PUPILS[:1])[0].items()
           if not k.startswith(("outcomes.", "provision."))}  # fmt: skip
    outcomes = [["upn", "target", "start_point", "measure", "due"],
                ["K938201224017", "Read 60 words a minute.", "38 words a minute.",
                 "A timed read each fortnight.", row["review_1"]]]  # fmt: skip
    provision = [["upn", "intervention", "area", "staff", "group_size", "minutes",
                  "sessions_a_week", "weeks", "hourly_cost", "start", "end"],
                 ["k938201224017", "Precision teaching", "cognition", "Teaching assistant", 1,
                  10, 5, 12, 15, row["plan_start"], row["review_1"]]]  # fmt: skip
    workbook = xlsx_bytes([("Pupils", [list(row), list(row.values())]),
                           ("outcomes", outcomes), ("Provision", provision)])  # fmt: skip
    archive = unzip(post(client, workbook, XLSX))
    [name] = [n for n in archive.namelist() if n.startswith("SEN support plans/")]
    with client.application.test_request_context():
        _, answers = answers_from_docx(archive.read(name))
    assert [o["target"] for o in answers["outcomes"]] == ["Read 60 words a minute."]
    [help_given] = answers["provision"]
    assert (help_given["frequency"], help_given["session_length"], help_given["cost"]) == (
        "Every school day", "10 minutes", "150.00"  # 15 x 10/60 x 5 x 12, one to one
    )  # fmt: skip


def test_a_list_sheet_row_for_a_pupil_not_in_the_register_is_refused(client, plan):
    row = plan_rows(plan, PUPILS[:1])[0]
    outcomes = [["upn", "target"], ["Z999999999999", "Read more."]]
    workbook = xlsx_bytes([("Pupils", [list(row), list(row.values())]), ("outcomes", outcomes)])
    response = post(client, workbook, XLSX)
    assert response.status_code == 422
    assert response.get_json()["errors"]["request"] == [
        "Row 2 of the 'outcomes' sheet is for UPN 'Z999999999999', which is not in the register"
    ]


def test_formula_cells_are_kept_as_text_and_never_written_as_formulas(client, plan):
    row, made = plan_rows(plan, PUPILS[:2])
    row["child_dob"] = "=cmd|' /C calc'!A0"
    made["strengths"] = '=HYPERLINK("http://example.com","click")'
    archive = unzip(post(client, as_csv([row, made])))
    line = summary(archive)[1]
    assert line[4].startswith("child_dob:")
    [name] = [n for n in archive.namelist() if n.startswith("SEN support plans/")]
    assert (
        '=HYPERLINK("http://example.com","click")'
        in docx2python(io.BytesIO(archive.read(name))).text
    )  # kept whole in the document, where nothing runs it
    raw = archive.read("Summary.csv").decode("utf-8-sig")
    for unsafe in ("\n=", ",=", ',"='):  # a formula where a cell starts
        assert unsafe not in raw


def test_more_rows_than_the_limit_are_refused_with_the_limit(client, plan):
    client.application.config["BULK_MAX_ROWS"] = 5
    rows = plan_rows(plan, PUPILS * 2)
    response = post(client, as_csv(rows))
    assert response.status_code == 413
    assert "5" in response.get_json()["errors"]["request"][0]


def test_a_body_past_the_size_limit_is_refused(client):
    client.application.config["BULK_MAX_BYTES"] = 1024 * 1024
    response = post(client, b"child_name\n" + b"A" * (1024 * 1024 + 1))
    assert response.status_code == 413
    assert response.get_json()["errors"]["request"] == [
        "The file is larger than 1 MB: split it into smaller files"
    ]


@pytest.mark.parametrize(
    ("content_type", "query", "status"),
    [
        ("application/json", "", 415),
        ("text/csv", "?status=X", 400),
        ("text/csv", "?dry_run=2", 400),
    ],
)
def test_wrong_requests_are_refused_plainly(client, plan, content_type, query, status):
    response = post(client, as_csv(plan_rows(plan)), content_type, query)
    assert response.status_code == status
    assert response.get_json()["errors"]


def test_every_document_type_can_be_made_in_bulk(client, app):
    for document in app.extensions["catalogue"]:
        from service.bulk.flat import flat_values  # noqa: PLC0415

        register = as_csv([flat_values(document, document.example)])
        response = client.post(
            f"/api/v1/documents/{document.slug}/bulk", data=register, content_type="text/csv"
        )
        archive = unzip(response)
        assert summary(archive)[1][2] == "Made", (document.slug, summary(archive))


def test_reviews_are_made_from_a_zip_of_the_plans_made_in_bulk(client, plan):
    plans = post(client, as_csv(plan_rows(plan))).data
    response = client.post(
        "/api/v1/documents/sen-support-review/bulk", data=plans, content_type="application/zip"
    )
    archive = unzip(response)
    reviews = sorted(n for n in archive.namelist() if n.endswith(".docx") and "/" in n)
    assert reviews == [
        "SEN support plan reviews/Y04 Haddad Amira - SEN support plan review.docx",
        "SEN support plan reviews/Y05 Adeyemi Joshua - SEN support plan review.docx",
        "SEN support plan reviews/Y06 O'Neill Seán - SEN support plan review.docx",
    ]
    with client.application.test_request_context(), pytest.raises(UploadError) as unfinished:
        answers_from_docx(archive.read(reviews[1]))  # the meeting is still to be written up
    answers = unfinished.value.answers
    example = plan.example
    assert answers["plan_start"] == example["plan_start"]
    assert [item["outcome"] for item in answers["reviewed"]] == [
        outcome["target"] for outcome in example["outcomes"]
    ]
    for carried, planned in zip(answers["delivery"], example["provision"], strict=True):
        assert carried["intervention"].startswith(planned["intervention"] + " (")
    text = docx2python(io.BytesIO(archive.read(reviews[1]))).text
    assert example["outcomes"][0]["target"] in text
    assert "Review meeting\n\n[date]" in text  # the meeting: still to be written up


def test_a_full_register_of_long_answers_is_accepted(client, plan):
    """2,000 pupils with every answer of the plan filled in: several megabytes, more than
    any other request may send, and within the bulk limit."""
    with client.application.test_request_context():
        register = register_csv(plan, plan.example, 2000)
    assert len(register) > client.application.config["MAX_CONTENT_LENGTH"] * 4
    response = post(client, register, query="?dry_run=1")
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"made": 2000, "errors": {}, "left_out": {}}


def test_the_excel_template_filled_in_makes_plans(client, plan):
    template = client.get("/whole-register/template/sen-support-plan.xlsx").data
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    assert workbook.sheetnames == ["Pupils", "outcomes", "provision", "How to fill this in"]
    row = plan_rows(plan, PUPILS[:1])[0]
    pupils = workbook["Pupils"]
    headings = [cell.value for cell in pupils[1]]
    pupils.append([row.get(heading) for heading in headings])
    provision = workbook["provision"]
    parts = [cell.value for cell in provision[1]]
    given = {"upn": row["upn"], "intervention": "Reading catch-up", "area": "cognition",
             "staff": "Teaching assistant", "group_size": "3", "minutes": "20",
             "sessions_a_week": "3", "weeks": "10", "hourly_cost": "18",
             "start": row["plan_start"], "end": row["review_1"]}  # fmt: skip
    provision.append([given.get(part) for part in parts])
    filled = io.BytesIO()
    workbook.save(filled)
    archive = unzip(post(client, filled.getvalue(), XLSX))
    [name] = [n for n in archive.namelist() if n.startswith("SEN support plans/")]
    with client.application.test_request_context(), pytest.raises(UploadError) as unfinished:
        answers_from_docx(archive.read(name))  # no outcomes yet: they are for the SENCO
    [help_given] = unfinished.value.answers["provision"]
    assert (help_given["frequency"], help_given["session_length"], help_given["cost"]) == (
        "3 times a week", "20 minutes", "60.00"  # 18 x 20/60 x 3 x 10, shared by 3
    )  # fmt: skip
