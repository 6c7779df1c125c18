"""Coming back on another device by an emailed link, through a real SMTP server: the link
works once, expires, is refused when changed, and moves only the drafts it was made for;
only its digest is stored, and the address it went to is not stored at all."""

import datetime
import re

import pytest
from lxml import html
from sqlalchemy import select

from service.cases import return_links
from service.cases.return_links import ReturnLink
from service.extensions import db
from tests.addresses import draft_of
from tests.service.cases.holding import answers_held, hold, other_device
from tests.service.journey.test_email import use_mail
from tests.service.own_document import post

ASK = "/your-documents/email-link"
ADDRESS = "ada@home.example.org"


@pytest.fixture
def smtp_app(app, smtp):
    use_mail(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    return app


def titles(client):
    doc = html.fromstring(client.get("/your-documents").get_data(as_text=True))
    return [
        t.strip() for t in doc.xpath("//h2[contains(@class, 'govuk-summary-card__title')]/text()")
    ]


def ask_for_link(client):
    response = post(client, ASK, {"your_email": ADDRESS})
    assert response.status_code == 303, response.status_code
    return response


def link_in(smtp):
    message = smtp.inbox.envelopes[-1]
    body = message.content.decode()
    found = re.search(r"http://localhost(/come-back/[A-Za-z0-9_\-]+)", body)
    assert found, body
    return found.group(1), message, body


def test_a_link_opens_the_documents_on_another_device_once(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter", name="Sam’s letter")
    sent = ask_for_link(client)
    assert "sent=1" in sent.location
    path, message, body = link_in(smtp)
    assert message.rcpt_tos == [ADDRESS]
    assert "works once" in body
    child = smtp_app.extensions["catalogue"].get("concern-letter").example["child_name"]
    assert child.split()[0] not in body  # the email names no child

    other = other_device(smtp_app)
    shown = other.get(path)  # a mail scanner following the link uses nothing up
    assert shown.status_code == 200
    assert "Open my documents" in shown.get_data(as_text=True)
    opened = post(other, path, {})
    assert opened.status_code == 303
    assert titles(other) == ["Sam’s letter"]
    assert "We have opened your document on this device." in other.get(opened.location).get_data(
        as_text=True
    )
    assert titles(client) == []  # moved, not copied

    again = other_device(smtp_app)
    assert again.get(path).status_code == 404


def test_a_used_link_is_a_page_that_says_so(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    other = other_device(smtp_app)
    post(other, path, {})
    response = other.get(path)
    assert response.status_code == 404
    assert "This link does not work" in response.get_data(as_text=True)


def test_an_expired_link_opens_nothing(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    row = db.session.execute(select(ReturnLink)).scalar_one()
    row.expires_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    db.session.commit()
    other = other_device(smtp_app)
    assert other.get(path).status_code == 404
    assert titles(other) == []
    assert titles(client) != []


@pytest.mark.parametrize("change", ["last letter", "cut short", "padded"])
def test_a_changed_link_opens_nothing(smtp_app, client, smtp, change):
    hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    token = path.rsplit("/", 1)[1]
    tampered = {
        "last letter": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "cut short": token[:-4],
        "padded": token + "AAAA",
    }[change]
    other = other_device(smtp_app)
    assert other.get(f"/come-back/{tampered}").status_code == 404
    token_page = other.get("/your-documents")
    csrf = html.fromstring(token_page.get_data(as_text=True)).xpath(
        "//input[@name='csrf_token']/@value"
    )
    if csrf:
        assert other.post(f"/come-back/{tampered}", data={"csrf_token": csrf[0]}).status_code == 404
    assert titles(other) == []
    assert titles(client) != []  # the real link still works for its owner


def test_a_link_moves_only_its_own_drafts_and_says_when_they_are_gone(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter", name="Kept")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    hold(client, smtp_app, "records-request", name="Started after the link")
    other = other_device(smtp_app)
    post(other, path, {})
    assert titles(other) == ["Kept"]
    assert titles(client) == ["Started after the link"]

    # A link whose drafts were deleted before it was used opens nothing, and says so.
    third = other_device(smtp_app)
    gone = hold(third, smtp_app, "concern-letter", name="Deleted")
    ask_for_link(third)
    gone_path, _m, _b = link_in(smtp)
    post(third, f"/documents/concern-letter/delete?draft={gone.ref}", {})
    fourth = other_device(smtp_app)
    opened = post(fourth, gone_path, {})
    assert "nothing to open" in fourth.get(opened.location).get_data(as_text=True)
    assert titles(fourth) == []


def test_only_the_links_digest_is_stored_and_the_address_is_not(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    token = path.rsplit("/", 1)[1]
    (row,) = db.session.execute(select(ReturnLink)).scalars().all()
    assert token not in row.digest
    assert token.encode() not in row.payload
    assert ADDRESS.encode() not in row.payload


def test_a_mistyped_address_is_refused_with_what_was_typed(smtp_app, client, smtp):
    hold(client, smtp_app, "concern-letter")
    response = post(client, ASK, {"your_email": "ada@"})
    assert response.status_code == 303
    page = client.get(response.location).get_data(as_text=True)
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert 'value="ada@"' in page
    assert not smtp.inbox.envelopes


def test_links_are_limited_and_the_refusal_says_when_to_try_again(smtp_app, client, smtp):
    smtp_app.config["RATELIMIT_RETURN_LINKS"] = "1 per hour"
    hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    response = post(client, ASK, {"your_email": ADDRESS})
    page = client.get(response.location).get_data(as_text=True)
    assert "We have sent as many links as we can for now." in page
    assert len(smtp.inbox.envelopes) == 1


def test_without_email_the_page_says_so_and_offers_another_way(app, client):
    hold(client, app, "concern-letter")
    response = post(client, ASK, {"your_email": ADDRESS})
    page = client.get(response.location).get_data(as_text=True)
    assert "Email is not available on this copy of the service." in page


def test_purging_deletes_expired_links_and_keeps_the_rest(app, runner):
    with app.test_request_context():
        expired = return_links.create(["a-draft"])
        kept = return_links.create(["another-draft"])
    for row in db.session.execute(select(ReturnLink)).scalars():
        if row.digest == return_links.digest_of(expired):
            row.expires_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0
    assert "Deleted 1 expired link to come back." in result.output
    digests = [row.digest for row in db.session.execute(select(ReturnLink)).scalars()]
    assert digests == [return_links.digest_of(kept)]


def test_a_parent_comes_back_on_another_device_and_writes_the_complaint_already_filled_in(
    smtp_app, client, smtp
):
    letter = smtp_app.extensions["catalogue"].get("concern-letter").example
    held = hold(client, smtp_app, "concern-letter")
    ask_for_link(client)
    path, _message, _body = link_in(smtp)
    phone = other_device(smtp_app)
    post(phone, path, {})
    start = f"/your-documents/{held.ref}/next/complaint"
    started = post(phone, start, {})
    assert started.status_code == 303
    assert phone.get(started.location).status_code == 200
    filled = answers_held(smtp_app, phone, "complaint", draft_of(started.location))
    for name in ("writer_name", "writer_address", "child_name", "school_name"):
        assert filled[name] == letter[name], name
