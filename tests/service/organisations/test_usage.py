"""Usage counts: a journey started from an organisation's front door is counted (started,
finished, Word and PDF downloads, emails) by organisation, document and month, and nothing
else is; the database holds no answer, draft, ref or address because of it; counting is safe
with many requests at once, on SQLite and PostgreSQL, and never fails the family's request."""

import datetime
import logging
import threading

import pytest
from flask import g
from flask_migrate import upgrade
from sqlalchemy import MetaData, inspect, select, text
from werkzeug.datastructures import MultiDict

from service import dates, drafts
from service.delivery import mail
from service.extensions import db
from service.organisations import usage
from tests.service.databases import database_url
from tests.service.journey.test_email import code_in
from tests.service.organisations.conftest import NORTH
from tests.service.own_document import csrf_token, page, post
from tests.settings import make_app

ORG = NORTH["slug"]
SLUG = "concern-letter"
BASE = f"/documents/{SLUG}"
# Answers no other test uses, to look for in the database afterwards.
DISTINCT = {
    "child_name": "Zebedee Quillfeather",
    "child_known_as": "Zebedee",
    "school_name": "Xanadu Vale Academy",
    "writer_name": "Perpetua Quillfeather",
    "writer_email": "perpetua.quill@example.net",
}
CLIENT_ADDRESS = "203.0.113.77"
WRITER = "perpetua.quill@example.net"


def walk(app, client, *, org=ORG, slug=SLUG):
    """The journey as a browser walks it from a front door (from the service's own start
    page when `org` is None): every step that applies posted with the example answers, the
    distinctive ones in place of the example's own."""
    document = app.extensions["catalogue"].get(slug)
    answers = {**document.example, **DISTINCT}
    with app.test_request_context():
        posted = {
            step.slug: step.prototype().formdata_for(
                {name: answers[name] for name in names if name in answers}
            )
            for step, names in document.answer_names.items()
        }
    for number, step in enumerate(document.steps):
        url = f"/documents/{slug}/{step.slug}"
        if number == 0 and org:
            url += f"?org={org}"  # as the front door links to it
        shown = client.get(url)
        if shown.status_code != 200:  # a step the answers so far leave out
            continue
        data = MultiDict(posted.get(step.slug, {}))
        data["csrf_token"] = page(shown).xpath("//input[@name='csrf_token']/@value")[0]
        assert client.post(url, data=data).status_code == 302, step.slug
    assert client.get(f"/documents/{slug}/check-answers").status_code == 200


def counts():
    """Every usage row: (organisation, document, event) -> count, this month's only."""
    month = dates.today().strftime("%Y-%m")
    rows = db.session.execute(text("SELECT * FROM organisation_usage")).mappings().all()
    assert {row["month"] for row in rows} <= {month}
    return {(row["organisation"], row["document"], row["event"]): row["count"] for row in rows}


def counted(**events):
    return {(ORG, SLUG, event): number for event, number in events.items()}


@pytest.fixture
def client(org_app):
    client = org_app.test_client()
    client.environ_base["REMOTE_ADDR"] = CLIENT_ADDRESS
    return client


def test_a_branded_journey_is_counted_once_started_once_finished_each_download(org_app, client):
    walk(org_app, client)
    assert counts() == counted(started=1)
    assert client.get(f"{BASE}/done").status_code == 200
    assert client.get(f"{BASE}/done").status_code == 200  # seen again: still one finished
    assert client.get(f"{BASE}/download").status_code == 200
    assert client.get(f"{BASE}/download").status_code == 200
    assert counts() == counted(started=1, finished=1, downloaded=2)


def test_a_journey_from_the_services_own_pages_is_not_counted(org_app, client):
    walk(org_app, client, org=None)
    assert client.get(f"{BASE}/done").status_code == 200
    assert client.get(f"{BASE}/download").status_code == 200
    assert counts() == {}


def test_a_brand_that_does_not_offer_the_document_is_not_counted(org_app, client):
    # South Shore offers the concern letter and complaints only.
    url = "/documents/ehc-needs-assessment-request/"
    first = org_app.extensions["catalogue"].get("ehc-needs-assessment-request").steps[0]
    response = post(client, f"{url}{first.slug}?org=south-advice", {})
    assert response.status_code == 302
    assert counts() == {}


def test_a_first_page_sent_with_errors_is_a_start_and_is_counted_once(org_app, client):
    first = org_app.extensions["catalogue"].get(SLUG).steps[0]
    response = post(client, f"{BASE}/{first.slug}?org={ORG}", {})  # nothing chosen: an error
    assert response.status_code == 302
    assert counts() == counted(started=1)
    walk(org_app, client, org=None)  # the same draft, finished: the brand stays with it
    assert counts() == counted(started=1)


def test_a_finished_document_is_counted_once_whichever_way_it_is_first_made(org_app, client):
    walk(org_app, client)
    assert client.get(f"{BASE}/download").status_code == 200
    assert client.get(f"{BASE}/done").status_code == 200
    assert counts() == counted(started=1, finished=1, downloaded=1)


def test_a_pdf_that_could_not_be_made_is_not_counted(org_folder):
    app = make_app(
        ORGANISATIONS_DIR=str(org_folder),
        RATELIMIT_ENABLED=False,
        LIBREOFFICE_PATH="/nonexistent/soffice",
    )
    with app.app_context():
        db.create_all()
        client = app.test_client()
        walk(app, client)
        assert client.get(f"{BASE}/download.pdf").status_code == 503
        assert counts() == counted(started=1)
        db.session.remove()


@pytest.mark.libreoffice
def test_a_pdf_download_is_counted(org_app, client, soffice_path):
    walk(org_app, client)
    response = client.get(f"{BASE}/download.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert counts() == counted(started=1, finished=1, pdf=1)


@pytest.fixture
def smtp_app(org_app, smtp):
    org_app.config.update(
        MAIL_DEFAULT_SENDER="letters@service.example.org",
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp.port,
    )
    mail.init_app(org_app)
    return org_app


def send_by_email(client, smtp):
    """Confirm the writer's address with the code emailed to it, then email the letter."""
    token = csrf_token(client, f"{BASE}/done")
    asked = post(client, f"{BASE}/email", {"action": "send-code", "your_email": WRITER}, token)
    assert asked.status_code == 303
    assert smtp.inbox.wait_for(1)
    token = csrf_token(client, f"{BASE}/check-email")
    code = code_in(smtp.inbox.messages[0])
    assert post(client, f"{BASE}/email", {"action": "confirm", "code": code}, token).status_code
    data = {"action": "send", "to": "senco@school.example.org", "file_format": "docx"}
    sent = post(client, f"{BASE}/email", data, csrf_token(client, f"{BASE}/done"))
    assert sent.status_code == 303
    assert sent.location.partition("#")[2] == "email-sent"


def test_each_email_sent_is_counted_and_security_codes_are_not(smtp_app, client, smtp):
    walk(smtp_app, client)
    send_by_email(client, smtp)
    assert smtp.inbox.wait_for(2)
    assert counts() == counted(started=1, finished=1, emailed=1)


def all_rows():
    """Every row of every table in the database, as text."""
    tables = MetaData()
    tables.reflect(db.engine)
    return {
        name: [repr(tuple(row)) for row in db.session.execute(select(table))]
        for name, table in tables.tables.items()
    }


def test_nothing_personal_is_stored_for_the_figures(smtp_app, client, smtp):
    walk(smtp_app, client)
    send_by_email(client, smtp)
    assert client.get(f"{BASE}/download").status_code == 200
    ((draft_id, ref, owner),) = db.session.execute(text("SELECT id, ref, owner FROM drafts"))

    usage_columns = [
        column["name"] for column in inspect(db.engine).get_columns("organisation_usage")
    ]
    assert usage_columns == ["organisation", "document", "month", "event", "count"]
    rows = all_rows()
    assert len(rows["organisation_usage"]) == 4  # started, finished, emailed, downloaded
    personal = [*DISTINCT.values(), WRITER, draft_id, ref, owner, CLIENT_ADDRESS]
    for row in rows["organisation_usage"]:
        assert not [value for value in personal if value in row], row
    # Nor anywhere else in the database: the draft is there, but encrypted.
    for table, table_rows in rows.items():
        for row in table_rows:
            for answer in [*DISTINCT.values(), WRITER, CLIENT_ADDRESS]:
                assert answer not in row, (table, answer)


def test_a_count_that_cannot_be_written_leaves_the_request_working(org_app, client, caplog):
    walk(org_app, client)
    db.session.execute(text("DROP TABLE organisation_usage"))
    db.session.commit()
    with caplog.at_level(logging.WARNING, logger=usage.__name__):
        response = client.get(f"{BASE}/download")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    warnings = [record.getMessage() for record in caplog.records]
    assert warnings
    assert all(message.startswith("A usage count was not recorded") for message in warnings)
    assert not [answer for answer in DISTINCT.values() if answer in " ".join(warnings)]
    assert client.get(f"{BASE}/done").status_code == 200  # the draft is as it was
    db.create_all()  # for the fixture to drop


def test_an_event_that_is_not_counted_is_refused(org_app):
    with pytest.raises(ValueError, match="not an event"):
        usage.count(ORG, SLUG, "viewed")


# --- the counts themselves, on both databases ----------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def database_app(request, tmp_path, org_folder):
    # A SQLite file, not memory: threads each open their own connection to it.
    sqlite = f"sqlite:///{tmp_path / 'usage.sqlite3'}"
    with database_url(request.param, request, sqlite=sqlite) as url:
        app = make_app(ORGANISATIONS_DIR=str(org_folder), SQLALCHEMY_DATABASE_URI=url)
        with app.app_context():
            upgrade()  # the migration's table, not the model's
            yield app
            db.session.remove()
            db.engine.dispose()


def on(day, monkeypatch):
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    monkeypatch.setattr(dates, "_utc_now", lambda: noon)


def test_counts_are_kept_by_month_newest_first(database_app, monkeypatch):
    on(datetime.date(2026, 11, 30), monkeypatch)
    usage.count(ORG, SLUG, "started")
    usage.count(ORG, SLUG, "started")
    usage.count("south-advice", SLUG, "started")
    on(datetime.date(2026, 12, 1), monkeypatch)
    usage.count(ORG, SLUG, "downloaded")
    usage.count(ORG, "complaint", "emailed")
    months = usage.months_of(ORG)
    assert [month.month for month in months] == ["2026-12", "2026-11"]
    december, november = months
    assert november.documents == {SLUG: dict.fromkeys(usage.EVENTS, 0) | {"started": 2}}
    assert december.documents == {
        SLUG: dict.fromkeys(usage.EVENTS, 0) | {"downloaded": 1},
        "complaint": dict.fromkeys(usage.EVENTS, 0) | {"emailed": 1},
    }
    assert [month.month for month in usage.months_of("south-advice")] == ["2026-11"]


def test_the_month_is_englands(database_app, monkeypatch):
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    late = datetime.datetime(2026, 5, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(dates, "_utc_now", lambda: late)
    usage.count(ORG, SLUG, "started")
    assert [month.month for month in usage.months_of(ORG)] == ["2026-06"]


THREADS = 4
EACH = 25


def count_at_once(app):
    """THREADS requests' worth of counting at the same time, each with its own connection."""
    start = threading.Barrier(THREADS)

    def work():
        with app.app_context():
            start.wait()
            for _ in range(EACH):
                usage.count(ORG, SLUG, "downloaded")
            db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_counts_made_at_the_same_time_are_all_kept(database_app, caplog):
    with caplog.at_level(logging.WARNING, logger=usage.__name__):
        count_at_once(database_app)
    assert caplog.records == []
    assert usage.months_of(ORG)[0].documents[SLUG]["downloaded"] == THREADS * EACH


def test_the_portable_way_of_counting_keeps_every_count_too(database_app, monkeypatch, caplog):
    # As on a database without INSERT ... ON CONFLICT: update, else insert, else update again.
    monkeypatch.setattr(usage, "_UPSERTS", {})
    with caplog.at_level(logging.WARNING, logger=usage.__name__):
        count_at_once(database_app)
    assert caplog.records == []
    assert usage.months_of(ORG)[0].documents[SLUG]["downloaded"] == THREADS * EACH


def test_only_a_branded_draft_is_counted(org_app):
    """count_for counts a draft only while its page wears the brand the draft was started
    with: a draft of no organisation, or of another, is not counted."""
    organisation = org_app.extensions["organisations"][ORG]
    with org_app.test_request_context():
        g.organisation = organisation
        usage.count_for(drafts.Draft(SLUG), "pdf")
        usage.count_for(drafts.Draft(SLUG, organisation="south-advice"), "pdf")
        assert counts() == {}
        mine = drafts.Draft(SLUG, organisation=ORG)
        usage.count_for(mine, "pdf")
        g.organisation = None
        usage.count_for(mine, "pdf")
    assert counts() == counted(pdf=1)
