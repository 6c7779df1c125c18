"""The writer confirms their own address, once per draft, before the service emails a document
for them: a six-digit code sent to it through a real SMTP server and typed back."""

import contextlib
import re
import time
import uuid

import docx
import pytest

from service.catalogue import DocumentType
from service.delivery.mail import code_body, duration
from service.extensions import db
from service.fields import EmailField
from service.steps import StepForm
from tests.addresses import links, without_draft
from tests.conftest import free_port
from tests.forms.readability import flesch_reading_ease
from tests.service.journey.conftest import PET_LETTER, TEMPLATE
from tests.service.journey.test_email import (
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
    follow,
    redirected,
    send_email,
    typed_values,
    use_mail,
)
from tests.service.journey.test_views import BASE, complete
from tests.service.own_document import csrf_token, page, post
from tests.settings import make_app

OTHER = "grace@home.example.org"


@pytest.fixture
def smtp_app(fake_app, smtp):
    use_mail(fake_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    return fake_app


def session_cookie(client):
    return client.get_cookie("sen_session").value


def replay(client, cookie):
    """Put an earlier session cookie back, as someone replaying it would."""
    client.set_cookie("sen_session", cookie)


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


WRONG = "The security code is not right. Check the code in the email and try again"
TOO_MANY = "You have entered a wrong code too many times. Send a new code and enter that one"


def code_error(client, code):
    """The code typed back: the one error the page after the redirect shows."""
    [error] = error_texts(follow(client, enter_code(client, code)))
    return error


def not_confirmed(response):
    """The done page asks for the writer's address, since nothing is sent until it is
    confirmed."""
    return page(response).xpath("//input[@name='your_email']") and error_texts(response) == [
        "Enter your email address and confirm it with a security code before we send the document"
    ]


def test_the_writer_confirms_with_a_code_that_names_no_child_and_carries_nothing(
    smtp_app, fake_client, smtp
):
    complete(fake_client)
    response = ask_for_code(fake_client)
    assert redirected(response).endswith(CHECK_EMAIL)

    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.envelopes[0].rcpt_tos == [WRITER]
    message = smtp.inbox.messages[0]
    assert message["Subject"] == "Your security code for Write SEN letters and plans"
    assert message["To"] == WRITER
    assert message["Reply-To"] is None
    assert not list(message.iter_attachments())
    raw = smtp.inbox.envelopes[0].content.decode()
    for detail in ("Ada", "Lovelace", "Rex", "Pet letter"):
        assert detail not in raw
    code = code_in(message)
    assert "It works for 30 minutes" in message.get_body(("plain",)).get_content()

    check = page(fake_client.get(CHECK_EMAIL))
    assert check.xpath("string(//h1)") == "Check your email"
    assert WRITER in check.xpath("string(//main)")
    [box] = check.xpath(f"//form[starts-with(@action, '{EMAIL}?draft=')]//input[@name='code']")
    assert box.get("autocomplete") == "one-time-code"
    assert box.get("inputmode") == "numeric"
    assert check.xpath("//label[@for='code']")
    assert check.xpath("//details//button[@value='new-code']")

    response = follow(fake_client, enter_code(fake_client, wrong(code)))
    assert error_texts(response) == [
        "The security code is not right. Check the code in the email and try again"
    ]
    assert page(response).xpath("//title")[0].text.startswith("Error: ")
    assert typed_values(response, ("code",)) == {"code": wrong(code)}
    # Not confirmed: the done page still asks for the address.
    assert page(fake_client.get(f"{BASE}/done")).xpath("//input[@name='your_email']")

    # Typed as people copy it, with a space in the middle.
    response = enter_code(fake_client, f"{code[:3]} {code[3:]}")
    assert redirected(response).endswith(f"{BASE}/done#email")
    done = page(fake_client.get(f"{BASE}/done"))
    assert done.xpath("//input[@name='to']")
    assert not done.xpath("//input[@name='your_email']")
    # Done with: its page goes back to the email section.
    assert without_draft(fake_client.get(CHECK_EMAIL).location).endswith(f"{BASE}/done#email")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the security code"),
        ("12345", "The security code must be 6 numbers"),
        ("1234567", "The security code must be 6 numbers"),
        ("12a456", "The security code must be 6 numbers"),
        ("١٢٣٤٥٦", "The security code must be 6 numbers"),  # digits, but not 0 to 9
    ],
)
def test_a_code_of_the_wrong_shape_is_explained_and_costs_no_try(
    smtp_app, fake_client, smtp, typed, message
):
    smtp_app.config["EMAIL_CODE_TRIES"] = 1
    complete(fake_client)
    ask_for_code(fake_client)
    assert smtp.inbox.wait_for(1)
    response = follow(fake_client, enter_code(fake_client, typed))
    assert error_texts(response) == [message]
    assert typed_values(response, ("code",)) == {"code": typed}
    response = enter_code(fake_client, code_in(smtp.inbox.messages[0]))
    assert redirected(response).endswith(f"{BASE}/done#email")


def test_a_send_without_confirmation_is_refused(smtp_app, fake_client, smtp):
    complete(fake_client)
    token = csrf_token(fake_client, f"{BASE}/done")
    for data in ({"action": "send", "to": TO}, {"to": TO, "copy_to": WRITER}):
        response = follow(fake_client, fake_client.post(EMAIL, data={"csrf_token": token, **data}))
        assert error_texts(response) == [
            "Enter your email address and confirm it with a security code before we send "
            "the document"
        ]
    assert smtp.inbox.envelopes == []


def test_a_forged_confirmation_in_the_cookie_is_not_believed(smtp_app, fake_client, smtp):
    complete(fake_client)
    with fake_client.session_transaction() as session:
        session["email_writer"] = {"pet-letter": "not a sealed value"}
    response = follow(fake_client, send_email(fake_client))
    assert page(response).xpath("//input[@name='your_email']")
    assert "confirm it with a security code" in " ".join(error_texts(response))
    assert smtp.inbox.envelopes == []


def two_documents(folder, **settings):
    """An app offering the pet letter and a second document with the same questions."""
    second = {**PET_LETTER, "slug": "cat-letter", "title": "Cat letter"}
    for document in (PET_LETTER, second):
        template = docx.Document()
        for line in TEMPLATE:
            template.add_paragraph(line)
        template.save(folder / f"{document['slug']}.docx")
    defaults = {"audience": ("parent",)}
    catalogue = [DocumentType(**{**defaults, **document}) for document in (PET_LETTER, second)]
    return make_app(catalogue=catalogue, templates=folder, **settings)


def complete_at(client, base):
    post(client, f"{base}/name", {"name": "Ada Lovelace"})
    post(client, f"{base}/has-pets", {"has_pets": "no"})
    post(client, f"{base}/details", {"when": ["5", "1", "2026"], "notes": ""})


def test_a_confirmation_is_for_one_draft(tmp_path, smtp):
    app = two_documents(
        tmp_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp.port,
        MAIL_DEFAULT_SENDER="letters@service.example.org",
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    complete_at(client, BASE)
    confirm(client, smtp)
    assert redirected(send_email(client)).endswith("#email-sent")

    # Another document's draft needs its own confirmation.
    cats = "/documents/cat-letter"
    complete_at(client, cats)
    assert page(client.get(f"{cats}/done")).xpath("//input[@name='your_email']")
    token = csrf_token(client, f"{cats}/done")
    response = post(client, f"{cats}/email", {"action": "send", "to": TO}, token)
    assert not_confirmed(follow(client, response))

    # So does a new draft of the same document, once the first is deleted.
    post(client, f"{BASE}/delete", {})
    complete_at(client, BASE)
    assert not_confirmed(follow(client, send_email(client)))
    assert page(client.get(f"{BASE}/done")).xpath("//input[@name='your_email']")
    assert len(smtp.inbox.envelopes) == 2  # the code, and the one document sent


def test_a_code_expires(smtp_app, fake_client, smtp):
    smtp_app.config["EMAIL_CODE_LIFETIME"] = 1
    complete(fake_client)
    ask_for_code(fake_client)
    assert smtp.inbox.wait_for(1)
    assert "It works for 1 second" in smtp.inbox.messages[0].get_body(("plain",)).get_content()
    time.sleep(1.1)
    response = follow(fake_client, enter_code(fake_client, code_in(smtp.inbox.messages[0])))
    assert error_texts(response) == [
        "The security code has expired. Send a new code and enter that one"
    ]
    # The way to a new code is in view, not folded away.
    assert page(response).xpath("//details[@open]//button[@value='new-code']")
    assert not_confirmed(follow(fake_client, send_email(fake_client)))


def test_wrong_tries_are_limited_and_a_replayed_cookie_cannot_reset_them(
    smtp_app, fake_client, smtp
):
    smtp_app.config["EMAIL_CODE_TRIES"] = 3
    complete(fake_client)
    ask_for_code(fake_client)
    assert smtp.inbox.wait_for(1)
    code = code_in(smtp.inbox.messages[0])
    fresh = session_cookie(fake_client)

    assert code_error(fake_client, wrong(code)) == WRONG
    assert code_error(fake_client, wrong(code)) == WRONG
    response = follow(fake_client, enter_code(fake_client, wrong(code)))
    assert error_texts(response) == [TOO_MANY]
    assert page(response).xpath("//details[@open]//button[@value='new-code']")

    # Even the right code is refused now, and a cookie from before the tries changes nothing.
    assert code_error(fake_client, code) == TOO_MANY
    replay(fake_client, fresh)
    assert code_error(fake_client, code) == TOO_MANY
    assert not_confirmed(follow(fake_client, send_email(fake_client)))

    # A new code is the way on.
    token = csrf_token(fake_client, CHECK_EMAIL)
    response = post(fake_client, EMAIL, {"action": "new-code"}, token)
    assert redirected(response).endswith(f"{CHECK_EMAIL}?code=new")
    assert smtp.inbox.wait_for(2)
    assert redirected(enter_code(fake_client, code_in(smtp.inbox.messages[1]))).endswith("#email")
    assert redirected(send_email(fake_client)).endswith("#email-sent")


def test_a_code_works_once(smtp_app, fake_client, smtp):
    complete(fake_client)
    ask_for_code(fake_client)
    assert smtp.inbox.wait_for(1)
    before = session_cookie(fake_client)
    code = code_in(smtp.inbox.messages[0])
    assert redirected(enter_code(fake_client, code)).endswith("#email")
    # The cookie from before, replayed elsewhere with the same code, confirms nothing.
    replay(fake_client, before)
    assert code_error(fake_client, code) == TOO_MANY


def test_new_codes_have_their_own_limit_and_only_the_newest_works(smtp_app, fake_client, smtp):
    smtp_app.config["RATELIMIT_EMAIL_CODES_PER_DRAFT"] = "2 per hour"
    complete(fake_client)
    ask_for_code(fake_client)
    token = csrf_token(fake_client, CHECK_EMAIL)
    response = post(fake_client, EMAIL, {"action": "new-code"}, token)
    assert "We have sent you a new security code" in banner_text(follow(fake_client, response))
    assert smtp.inbox.wait_for(2)
    first, newest = (code_in(message) for message in smtp.inbox.messages)

    response = follow(fake_client, post(fake_client, EMAIL, {"action": "new-code"}, token))
    text = banner_text(response)
    assert "We have sent as many security codes as we can for now" in text
    assert "You can ask for a new code after" in text
    assert len(smtp.inbox.envelopes) == 2

    if first != newest:
        assert code_error(fake_client, first) == WRONG
    assert redirected(enter_code(fake_client, newest)).endswith("#email")


def test_the_writer_can_change_their_confirmed_address(smtp_app, fake_client, smtp):
    complete(fake_client)
    confirm(fake_client, smtp)
    changing = page(fake_client.get(f"{BASE}/done?email=change"))
    assert changing.xpath("//input[@name='your_email']/@value") == [WRITER]
    assert f"{BASE}/done#email" in links(changing, "//a/@href")  # keep using the confirmed one

    ask_for_code(fake_client, OTHER)
    assert smtp.inbox.wait_for(2)
    # Until the new one is confirmed, the confirmed one stays.
    send_email(fake_client, to="")
    assert smtp.inbox.wait_for(3)
    assert smtp.inbox.envelopes[2].rcpt_tos == [WRITER]

    assert redirected(enter_code(fake_client, code_in(smtp.inbox.messages[1]))).endswith("#email")
    send_email(fake_client)
    assert smtp.inbox.wait_for(4)
    assert sorted(smtp.inbox.envelopes[3].rcpt_tos) == [OTHER, TO]
    assert smtp.inbox.messages[3]["Reply-To"] == OTHER


def test_expired_forms_keep_what_was_typed(smtp_app, fake_client, smtp):
    complete(fake_client)
    response = fake_client.post(
        EMAIL, data={"csrf_token": "stale", "action": "send-code", "your_email": WRITER}
    )
    assert response.status_code == 400
    assert typed_values(response, ("your_email",)) == {"your_email": WRITER}
    assert "This page timed out, so we did not send a security code" in " ".join(
        error_texts(response)
    )
    assert smtp.inbox.envelopes == []

    ask_for_code(fake_client)
    response = fake_client.post(
        EMAIL, data={"csrf_token": "stale", "action": "confirm", "code": "123 456"}
    )
    assert response.status_code == 400
    assert typed_values(response, ("code",)) == {"code": "123 456"}
    assert "This page timed out, so we did not check the code" in " ".join(error_texts(response))

    response = fake_client.post(EMAIL, data={"csrf_token": "stale", "action": "new-code"})
    assert response.status_code == 400
    assert "we did not send a new code" in " ".join(error_texts(response))
    assert len(smtp.inbox.envelopes) == 1  # the first code only


def test_a_code_that_cannot_be_sent_keeps_the_address(smtp_app, fake_client):
    use_mail(smtp_app, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    complete(fake_client)
    response = follow(fake_client, ask_for_code(fake_client, OTHER))
    assert "We could not send the security code just now" in banner_text(response)
    assert typed_values(response, ("your_email",)) == {"your_email": OTHER}
    assert without_draft(fake_client.get(CHECK_EMAIL).location).endswith(f"{BASE}/done#email")


class WriterStep(StepForm):
    slug = "writer"
    title = "Your details"
    writer_email = EmailField("Your email address (optional)")


def test_the_address_box_starts_with_the_writers_email_from_the_answers(tmp_path, smtp):
    """The shared vocabulary's `writer_email`, when a document asks it."""
    template = docx.Document()
    template.add_paragraph("{{ writer_email }}")
    template.save(tmp_path / "contact-letter.docx")
    document = DocumentType(
        slug="contact-letter",
        title="Contact letter",
        summary="s",
        needs="n",
        audience=("parent",),
        steps=(WriterStep,),
        build_context=lambda answers: {"writer_email": answers.get("writer_email", "")},
        filename=lambda _answers: "Contact letter",
        example_source={"writer_email": WRITER},
    )
    app = make_app(
        catalogue=[document],
        templates=tmp_path,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp.port,
        MAIL_DEFAULT_SENDER="letters@service.example.org",
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    post(client, "/documents/contact-letter/writer", {"writer_email": OTHER})
    done = page(client.get("/documents/contact-letter/done"))
    assert done.xpath("//input[@name='your_email']/@value") == [OTHER]


# --- Counts that every worker shares -----------------------------------------------------------


@pytest.fixture
def two_workers(tmp_path, redis_url, smtp):
    """Two apps, as two gunicorn workers: one database, one Redis, one mail server, and no
    app context held (requests would share its `g`, and one client's security token)."""
    redis = pytest.importorskip("redis")
    prefix = f"test-{uuid.uuid4().hex}"
    settings = {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'drafts.sqlite3'}",
        "RATELIMIT_STORAGE_URI": redis_url,
        "RATELIMIT_KEY_PREFIX": prefix,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp.port,
        "MAIL_DEFAULT_SENDER": "letters@service.example.org",
    }
    folder = tmp_path / "templates"
    folder.mkdir()
    workers = [two_documents(folder, **settings) for _ in range(2)]
    with workers[0].app_context():
        db.create_all()
    yield workers
    with contextlib.closing(redis.Redis.from_url(redis_url)) as server:
        keys = list(server.scan_iter(match=f"*{prefix}*"))
        if keys:
            server.delete(*keys)


def test_tries_and_the_daily_cap_are_counted_across_workers_in_redis(two_workers, smtp):
    first, second = two_workers
    for app in two_workers:
        app.config.update(EMAIL_CODE_TRIES=3, EMAIL_DAILY_LIMIT=2)
    browser = first.test_client()
    complete_at(browser, BASE)
    assert redirected(ask_for_code(browser)).endswith(CHECK_EMAIL)  # the first email today
    assert smtp.inbox.wait_for(1)
    code = code_in(smtp.inbox.messages[0])
    assert code_error(browser, wrong(code)) == WRONG
    assert code_error(browser, wrong(code)) == WRONG

    # The same browser, its next request served by the other worker: one try left, not three.
    elsewhere = second.test_client()
    replay(elsewhere, session_cookie(browser))
    assert code_error(elsewhere, wrong(code)) == TOO_MANY

    # The daily cap is the service's, whichever worker sends.
    assert redirected(ask_for_code(elsewhere)).endswith(CHECK_EMAIL)  # the second
    assert smtp.inbox.wait_for(2)
    response = follow(browser, ask_for_code(browser))
    assert "Email is not available for the rest of today" in banner_text(response)
    assert len(smtp.inbox.envelopes) == 2


def test_the_code_email_reads_plainly():
    body = code_body("123456", "Write SEN letters and plans", 1800)
    assert body.startswith("Your security code is 123456\n\n")
    assert flesch_reading_ease(body.split("\n\n")[1:-1]) >= 60
    assert [duration(s) for s in (1, 45, 60, 1800, 3600, 5400)] == [
        "1 second",
        "45 seconds",
        "1 minute",
        "30 minutes",
        "1 hour",
        "90 minutes",
    ]
    assert re.search(r"\d{6}", body.split("\n\n", 1)[1]) is None  # the code is said once
