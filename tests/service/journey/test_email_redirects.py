"""Post/redirect/get for every form about email: whatever happens to a post (sent, refused,
mistyped, a mail server or PDF maker that fails), its answer is a redirect, and the page it
leads to shows what was typed and what went wrong, once."""

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from service.delivery.pdf import PdfConverter
from service.journey import email_outcome
from tests.addresses import without_draft
from tests.conftest import free_port
from tests.service.journey.test_email import (
    BASE,
    CHECK_EMAIL,
    EMAIL,
    TO,
    WRITER,
    ask_for_code,
    banner_text,
    code_in,
    confirm,
    enter_code,
    error_texts,
    fake_soffice,
    send_email,
    typed_values,
    use_mail,
)
from tests.service.journey.test_views import complete
from tests.service.own_document import csrf_token, page, post

DONE = f"{BASE}/done"
WRONG_CODE = "The security code is not right. Check the code in the email and try again"


@pytest.fixture
def smtp_app(fake_app, smtp):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    return fake_app


def finished(app, client, smtp):
    complete(client)


def waiting_for_code(app, client, smtp):
    complete(client)
    assert ask_for_code(client).status_code == 303
    assert smtp.inbox.wait_for(1)


def confirmed(app, client, smtp):
    complete(client)
    confirm(client, smtp)


def no_mail_server(app):
    use_mail(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())


def new_code(client):
    return post(client, EMAIL, {"action": "new-code"}, csrf_token(client, CHECK_EMAIL))


def right_code(client, smtp):
    return enter_code(client, code_in(smtp.inbox.messages[0]))


def wrong_code(client, smtp):
    code = code_in(smtp.inbox.messages[0])
    return enter_code(client, f"{(int(code) + 1) % 1_000_000:06d}")


def pdf_that_fails(app, tmp_path):
    app.extensions["pdf"] = PdfConverter(str(fake_soffice(tmp_path, "exit 1")), warm=False)


def pdf_spent(app, tmp_path):
    pdf_that_fails(app, tmp_path)  # never reached: the limit refuses first
    app.config["RATELIMIT_PDF_PER_DRAFT"] = "0 per hour"


@dataclass(frozen=True)
class Post:
    """A post about email: the state before it, any change to the app (a limit, a server
    down), the post, the page its redirect leads to, and what that page says of it."""

    name: str
    before: Callable
    change: Callable | None
    send: Callable
    leads_to: str
    message: str  # "" when its page says nothing of it


POSTS = [
    Post(
        "code to a mistyped address",
        finished,
        None,
        lambda client, _smtp: ask_for_code(client, "ada at home"),
        DONE,
        "Enter an email address in the correct format",
    ),
    Post("code sent", finished, None, lambda client, _smtp: ask_for_code(client), CHECK_EMAIL, ""),
    Post(
        "code, mail server down",
        finished,
        lambda app, _tmp: no_mail_server(app),
        lambda client, _smtp: ask_for_code(client),
        DONE,
        "We could not send the security code just now",
    ),
    Post(
        "code, daily cap reached",
        finished,
        lambda app, _tmp: app.config.update(EMAIL_DAILY_LIMIT=0),
        lambda client, _smtp: ask_for_code(client),
        DONE,
        "Email is not available for the rest of today",
    ),
    Post(
        "code, no email on this copy",
        finished,
        lambda app, _tmp: use_mail(app, MAIL_SERVER=None),
        lambda client, _smtp: post(
            client,
            EMAIL,
            {"action": "send-code", "your_email": WRITER},
            csrf_token(client, f"{BASE}/name"),
        ),
        DONE,
        "Email is not available on this copy of the service",
    ),
    Post(
        "new code sent",
        waiting_for_code,
        None,
        lambda client, _smtp: new_code(client),
        f"{CHECK_EMAIL}?code=new",
        "We have sent you a new security code",
    ),
    Post(
        "new code, limit reached",
        waiting_for_code,
        lambda app, _tmp: app.config.update(RATELIMIT_EMAIL_CODES_PER_DRAFT="0 per hour"),
        lambda client, _smtp: new_code(client),
        CHECK_EMAIL,
        "We have sent as many security codes as we can for now",
    ),
    Post(
        "code of the wrong shape",
        waiting_for_code,
        None,
        lambda client, _smtp: enter_code(client, "12 34"),
        CHECK_EMAIL,
        "The security code must be 6 numbers",
    ),
    Post("wrong code", waiting_for_code, None, wrong_code, CHECK_EMAIL, WRONG_CODE),
    Post("right code", waiting_for_code, None, right_code, f"{DONE}#email", ""),
    Post(
        "document to a mistyped address",
        confirmed,
        None,
        lambda client, _smtp: send_email(client, to="head at school"),
        DONE,
        "Enter an email address in the correct format",
    ),
    Post(
        "document, a copy address twice",
        confirmed,
        None,
        lambda client, _smtp: send_email(client, copy_1=TO),
        DONE,
        "Copy address 1 is the same as the email address to send it to",
    ),
    Post(
        "document without a confirmed address",
        finished,
        None,
        lambda client, _smtp: send_email(client),
        DONE,
        "Enter your email address and confirm it with a security code",
    ),
    Post(
        "document, limit reached",
        confirmed,
        lambda app, _tmp: app.config.update(RATELIMIT_EMAIL_PER_DRAFT="0 per hour"),
        lambda client, _smtp: send_email(client),
        DONE,
        "You have emailed this document as many times as we allow for now",
    ),
    Post(
        "document as PDF, PDF limit reached",
        confirmed,
        pdf_spent,
        lambda client, _smtp: send_email(client, file_format="pdf"),
        DONE,
        "You have made as many PDFs as we allow for now",
    ),
    Post(
        "document as PDF, PDF maker fails",
        confirmed,
        pdf_that_fails,
        lambda client, _smtp: send_email(client, file_format="pdf"),
        DONE,
        "We could not make the PDF just now",
    ),
    Post(
        "document, mail server down",
        confirmed,
        lambda app, _tmp: no_mail_server(app),
        lambda client, _smtp: send_email(client),
        DONE,
        "We could not send the email just now",
    ),
    Post(
        "document sent",
        confirmed,
        None,
        lambda client, _smtp: send_email(client),
        f"{DONE}#email-sent",
        f"Email sent to {TO} and {WRITER}",
    ),
]


def shown(response):
    return " ".join([banner_text(response), *error_texts(response)])


@pytest.mark.parametrize("posted", POSTS, ids=[posted.name for posted in POSTS])
def test_every_post_about_email_is_answered_with_a_redirect_and_its_page_says_it_once(
    smtp_app, fake_client, smtp, tmp_path, posted
):
    posted.before(smtp_app, fake_client, smtp)
    if posted.change:
        posted.change(smtp_app, tmp_path)
    response = posted.send(fake_client, smtp)
    leads_to, message = posted.leads_to, posted.message
    assert response.status_code == 303, response.status_code
    assert without_draft(response.location) == leads_to
    assert b"<form" not in response.get_data()  # only werkzeug's note of where to go

    first = fake_client.get(leads_to)
    assert first.status_code == 200
    assert "Retry-After" not in first.headers
    if message:
        assert message in shown(first), shown(first)
    # Refresh: the same page, without the message (the success banners are for once too).
    again = fake_client.get(leads_to)
    assert again.status_code == 200
    if message and leads_to != f"{CHECK_EMAIL}?code=new":  # that page says so from its URL
        assert message not in shown(again)
    assert not error_texts(again)
    assert not page(again).xpath("//title")[0].text.startswith("Error: ")


def test_what_was_typed_comes_back_once_with_its_errors(smtp_app, fake_client, smtp):
    confirmed(smtp_app, fake_client, smtp)
    boxes = {"to": "head at school", "copy_1": "mo@council.example.org", "copy_2": TO}
    response = send_email(fake_client, **boxes)
    first = fake_client.get(response.location)
    assert typed_values(first, [*boxes, "copy_3"]) == {**boxes, "copy_3": ""}
    assert error_texts(first) == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert page(first).xpath("//input[@name='file_format' and @checked]/@value") == ["docx"]
    again = fake_client.get(response.location)
    assert typed_values(again, boxes) == dict.fromkeys(boxes, "")


def test_the_kept_outcome_is_sealed_and_fits_the_cookie_whatever_is_typed(
    smtp_app, fake_client, smtp
):
    """Addresses are personal, and the session cookie is only signed; a browser keeps a
    cookie of at most 4 KB, and a longer one would be dropped, losing the whole session."""
    confirmed(smtp_app, fake_client, smtp)
    junk = "@" * 5000
    send_email(fake_client, to=junk, copy_1=junk, copy_2=junk, copy_3=junk)
    cookie = fake_client.get_cookie("sen_session")
    assert len(cookie.value) + len("sen_session=") < 4000
    serializer = smtp_app.session_interface.get_signing_serializer(smtp_app)
    session = serializer.loads(cookie.value)
    assert email_outcome.KEY in session
    assert "@" not in str(session)
    # Too long to carry whole: carried far enough to show that it is too long.
    shown_page = fake_client.get(DONE)
    assert "must be 254 characters or fewer" in " ".join(error_texts(shown_page))
    assert len(typed_values(shown_page)["to"]) == email_outcome.CARRIED_LENGTH


def test_an_outcome_is_for_the_page_after_the_post_only(smtp_app, fake_client, smtp, monkeypatch):
    confirmed(smtp_app, fake_client, smtp)
    # Left for the done page: another page of the journey takes it away unseen.
    send_email(fake_client, to="head at school")
    fake_client.get(CHECK_EMAIL)  # no code waiting: sends the browser back to the done page
    assert not error_texts(fake_client.get(DONE))
    # And one not collected in time is not shown.
    monkeypatch.setattr(email_outcome, "MAX_AGE", 1)
    send_email(fake_client, to="head at school")
    time.sleep(2.1)
    assert not error_texts(fake_client.get(DONE))


def test_a_tampered_outcome_is_ignored(smtp_app, fake_client, smtp):
    confirmed(smtp_app, fake_client, smtp)
    with fake_client.session_transaction() as session:
        session[email_outcome.KEY] = "not a sealed value"
    response = fake_client.get(DONE)
    assert response.status_code == 200
    assert not error_texts(response)
