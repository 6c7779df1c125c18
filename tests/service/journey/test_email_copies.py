"""Email people trust, against a real SMTP server on 127.0.0.1: replies go to the writer's
own address, the body says who asked for the email, copies go to up to three more
addresses, each checked like the first and counted against the same limits, and no header
holds a child's name."""

import docx
import pytest

from service.catalogue import DocumentType
from service.extensions import db
from service.fields import ChoiceField, EmailField, TextField
from service.steps import StepForm
from tests.service.journey.test_email import (
    TO,
    WRITER,
    banner_text,
    confirm,
    error_texts,
    follow,
    page,
    redirected,
    typed_values,
    use_mail,
)
from tests.service.own_document import csrf_token, post
from tests.settings import make_app

BASE = "/documents/contact-letter"
CHILD = "Zebedee Quixley"  # a name no header could hold by chance
NAME = "Ada Lovelace"
IN_DOCUMENT = "ada.lovelace@letters.example.org"  # the address the letter gives
COPIES = ["mo@council.example.org", "sen@council.example.org", "head@academy.example.org"]
BOXES = ("to", "copy_1", "copy_2", "copy_3")


class WriterStep(StepForm):
    slug = "you"
    title = "Your details"
    writer = ChoiceField(
        "Who is writing?",
        [("parent", "A parent"), ("young_person", "The young person")],
        "Select who is writing",
    )
    writer_name = TextField("Your full name")
    writer_email = EmailField()


class ChildStep(StepForm):
    slug = "child"
    title = "About the child"
    child_name = TextField("Their full name", "Enter their full name")


def build_context(answers):
    return {key: answers.get(key) or "" for key in ("writer_name", "writer_email", "child_name")}


@pytest.fixture
def letter_app(tmp_path, smtp):
    """A letter that, like the real ones, gives its writer a name and an address."""
    template = docx.Document()
    for line in ("{{ writer_name }}", "{{ writer_email }}", "About {{ child_name }}"):
        template.add_paragraph(line)
    template.save(tmp_path / "contact-letter.docx")
    document = DocumentType(
        slug="contact-letter",
        title="Contact letter",
        summary="s",
        needs="n",
        audience=("parent",),
        steps=(WriterStep, ChildStep),
        build_context=build_context,
        filename=lambda _answers: "Contact letter",
        example_source={"writer": "parent", "writer_name": NAME, "child_name": CHILD},
    )
    app = make_app(catalogue=[document], templates=tmp_path)
    use_mail(app, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()


def written(client, smtp, *, writer="parent", name=NAME, address=IN_DOCUMENT, confirmed=WRITER):
    """The letter's answers given, and the writer's address confirmed; the inbox emptied."""
    post(
        client,
        f"{BASE}/you",
        {"writer": writer, "writer_name": name, "writer_email": address},
    )
    post(client, f"{BASE}/child", {"child_name": CHILD})
    confirm(client, smtp, confirmed, base=BASE)
    smtp.inbox.envelopes.clear()
    return client


@pytest.fixture
def writer(letter_app, smtp):
    return written(letter_app.test_client(), smtp)


def send(client, **boxes):
    data = {"action": "send", "file_format": "docx", "to": TO, **boxes}
    return post(client, f"{BASE}/email", data, csrf_token(client, f"{BASE}/done"))


def body_of(message):
    return message.get_body(("plain",)).get_content().replace("\r\n", "\n")


def headers_of(envelope):
    return envelope.content.split(b"\r\n\r\n")[0].decode()


def test_copies_go_as_cc_on_one_email_that_says_who_asked(writer, smtp):
    response = send(writer, copy_1=COPIES[0], copy_2=COPIES[1], copy_3=COPIES[2])
    assert redirected(response).endswith(f"{BASE}/done#email-sent")
    assert smtp.inbox.wait_for(1)
    [envelope] = smtp.inbox.envelopes
    assert sorted(envelope.rcpt_tos) == sorted([TO, *COPIES, WRITER])
    [message] = smtp.inbox.messages
    assert message["To"] == TO
    assert message["Cc"] == ", ".join([*COPIES, WRITER])
    assert message["Reply-To"] == IN_DOCUMENT
    body = body_of(message)
    assert body.startswith(f"Hello,\n\n{NAME} asked us to send you the attached document")
    assert f"We have checked that {WRITER} is their email address" in body
    assert f"Your reply will go to {IN_DOCUMENT}, not to us" in body
    assert CHILD not in headers_of(envelope)
    assert NAME not in headers_of(envelope)

    shown = banner_text(writer.get(f"{BASE}/done"))
    assert f"Email sent to {TO}, {COPIES[0]}, {COPIES[1]}, {COPIES[2]} and {WRITER}" in shown


def test_the_done_page_says_what_the_email_will_say_and_where_replies_go(writer):
    doc = page(writer.get(f"{BASE}/done"))
    text = " ".join(doc.xpath("string(//main)").split())
    assert f"The email will say that {NAME} asked us to send it" in text
    assert f"their reply will go to {IN_DOCUMENT}, the email address in your document" in text
    boxes = doc.xpath("//form//fieldset[.//input[@name='copy_1']]")
    assert boxes[0].xpath("string(.//legend)").strip() == "Send a copy to (optional)"
    for number in (1, 2, 3):
        [box] = doc.xpath(f"//input[@name='copy_{number}']")
        assert (box.get("type"), box.get("autocomplete"), box.get("spellcheck")) == (
            "email",
            "email",
            "false",
        )
        assert doc.xpath(f"//label[@for='copy_{number}']/text()")[0].strip() == (
            f"Copy address {number}"
        )
    # An address has a shape of its own: no character count under its box.
    assert not doc.xpath("//*[contains(@class, 'govuk-character-count')]")


def test_a_copy_with_no_address_to_send_to_still_goes(writer, smtp):
    assert redirected(send(writer, to="", copy_2=COPIES[0])).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    [message] = smtp.inbox.messages
    assert message["To"] == WRITER
    assert message["Cc"] == COPIES[0]
    assert f"{NAME} asked us to send you" in body_of(message)


def test_a_young_person_is_named_as_the_writer_in_the_body_only(letter_app, smtp):
    """Writing for themselves, the young person is the child the letter is about: the body
    names them, as their letter does, and no header does."""
    client = written(letter_app.test_client(), smtp, writer="young_person", name="")
    send(client, copy_1=COPIES[0])
    assert smtp.inbox.wait_for(1)
    [envelope] = smtp.inbox.envelopes
    assert body_of(smtp.inbox.messages[0]).startswith(f"Hello,\n\n{CHILD} asked us to send you")
    assert CHILD not in headers_of(envelope)
    assert "Zebedee" not in headers_of(envelope)
    for header in ("Subject", "From", "To", "Cc", "Reply-To"):
        assert CHILD not in str(smtp.inbox.messages[0][header])


@pytest.mark.parametrize(
    "address",
    ["", "zoë@letters.example.org", "ada..lovelace@letters.example.org"],
    ids=["none", "not-ascii", "two-dots"],
)
def test_replies_go_to_the_confirmed_address_when_the_document_gives_none_we_can_use(
    letter_app, smtp, address
):
    """The answers' own check of an address is looser than the one for sending to it."""
    client = written(letter_app.test_client(), smtp, address=address)
    send(client)
    assert smtp.inbox.wait_for(1)
    assert smtp.inbox.messages[0]["Reply-To"] == WRITER
    assert f"Your reply will go to {WRITER}, not to us" in body_of(smtp.inbox.messages[0])


def test_without_a_writers_name_the_body_gives_their_address(letter_app, smtp):
    client = written(letter_app.test_client(), smtp, name="")
    send(client)
    assert smtp.inbox.wait_for(1)
    body = body_of(smtp.inbox.messages[0])
    assert f"Someone with the email address {WRITER} asked us to send you" in body
    assert "We have checked that this email address is theirs" in body


WRONG_COPIES = [
    (
        "copy_1",
        "mo at council",
        "Enter copy address 1 in the correct format, like name@example.com",
    ),
    ("copy_2", "mo@council", "Enter copy address 2 in the correct format, like name@example.com"),
    (
        "copy_3",
        "zoë@council.example.org",
        "Enter copy address 3 with only letters a to z, numbers and . _ - + before the @",
    ),
    ("copy_2", "x" * 250 + "@a.org", "Copy address 2 must be 254 characters or fewer"),
    ("copy_1", f"{TO}\r\nBcc: spam@elsewhere.example.org", "Copy address 1 must be on one line"),
    ("copy_3", f"{COPIES[0]}, spam@elsewhere.example.org", "Enter copy address 3"),
]


@pytest.mark.parametrize(("box", "typed", "message"), WRONG_COPIES)
def test_a_wrong_copy_address_is_explained_by_number_and_nothing_typed_is_lost(
    writer, smtp, box, typed, message
):
    others = {"copy_1": COPIES[0], "copy_2": COPIES[1], "copy_3": COPIES[2]}
    boxes = {**others, box: typed}
    response = follow(writer, send(writer, **boxes))
    [error] = error_texts(response)
    assert error.startswith(message)
    assert page(response).xpath("//title")[0].text.startswith("Error: ")
    assert page(response).xpath("//*[contains(@class,'govuk-error-summary')]//a/@href") == [
        f"#{box}"
    ]
    # As typed, but for line breaks, which an HTML page gives as "\n" whatever was sent.
    shown = {name: value.replace("\r\n", "\n") for name, value in boxes.items()}
    assert typed_values(response, BOXES) == {"to": TO, **shown}
    assert smtp.inbox.envelopes == []


DUPLICATES = [
    (
        {"copy_1": TO.upper()},
        {
            "copy_1": "Copy address 1 is the same as the email address to send it to. "
            "Enter a different address or leave it empty"
        },
    ),
    (
        {"copy_1": COPIES[0], "copy_3": COPIES[0]},
        {
            "copy_3": "Copy address 3 is the same as copy address 1. Enter a different "
            "address or leave it empty"
        },
    ),
    (
        {"copy_2": WRITER},
        {
            "copy_2": "Copy address 2 is the same as your own email address, which gets a "
            "copy anyway. Enter a different address or leave it empty"
        },
    ),
    (
        {"copy_1": COPIES[0], "copy_2": COPIES[0].upper(), "copy_3": COPIES[0]},
        {
            "copy_2": "Copy address 2 is the same as copy address 1. Enter a different "
            "address or leave it empty",
            "copy_3": "Copy address 3 is the same as copy address 1. Enter a different "
            "address or leave it empty",
        },
    ),
]


@pytest.mark.parametrize(("boxes", "errors"), DUPLICATES)
def test_the_same_address_twice_is_refused_with_a_clear_message(writer, smtp, boxes, errors):
    response = follow(writer, send(writer, **boxes))
    assert error_texts(response) == list(errors.values())
    doc = page(response)
    for box, message in errors.items():
        assert doc.xpath(f"string(//*[@id='{box}-error'])").strip() == f"Error: {message}"
    assert typed_values(response, BOXES) == {
        "to": TO,
        "copy_1": "",
        "copy_2": "",
        "copy_3": "",
        **boxes,
    }
    assert smtp.inbox.envelopes == []


def test_the_writers_own_address_as_the_one_to_send_to_still_goes_once(writer, smtp):
    assert redirected(send(writer, to=WRITER, copy_1=COPIES[0])).endswith("#email-sent")
    assert smtp.inbox.wait_for(1)
    assert sorted(smtp.inbox.envelopes[0].rcpt_tos) == sorted([WRITER, COPIES[0]])


# --- Limits: each address typed is one email ---------------------------------------------------


def test_each_address_counts_against_the_limit_per_draft(letter_app, writer, smtp):
    letter_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "5 per hour"
    # 4 of 5: the address to send it to and three copies (the writer's own copy is free).
    response = send(writer, copy_1=COPIES[0], copy_2=COPIES[1], copy_3=COPIES[2])
    assert redirected(response).endswith("#email-sent")
    # 2 more would be 6: refused, saying how many can go now, with what was typed kept.
    response = follow(writer, send(writer, copy_1=COPIES[0]))
    text = banner_text(response)
    assert "We can send it to only 1 more email address for now" in text
    assert "Remove some of the addresses and send it again, or send it to all of them after" in text
    assert typed_values(response, ("to", "copy_1")) == {"to": TO, "copy_1": COPIES[0]}
    # 1 more is 5.
    assert redirected(send(writer)).endswith("#email-sent")
    refused = banner_text(follow(writer, send(writer)))
    assert "You have emailed this document as many times as we allow for now" in refused
    assert smtp.inbox.wait_for(2)
    assert len(smtp.inbox.envelopes) == 2


def test_more_addresses_than_a_limit_ever_allows_at_once_are_told_so(letter_app, writer, smtp):
    letter_app.config["RATELIMIT_EMAIL_PER_DRAFT"] = "2 per hour"
    response = follow(writer, send(writer, copy_1=COPIES[0], copy_2=COPIES[1]))
    text = banner_text(response)
    assert "We can send it to only 2 more email addresses for now" in text
    # Waiting would not help: the limit never takes three at once.
    assert "send it to all of them after" not in text
    assert smtp.inbox.envelopes == []


def test_copies_count_against_each_clients_limit(letter_app, smtp):
    letter_app.config["RATELIMIT_EMAIL"] = "5 per hour"
    client = written(letter_app.test_client(), smtp)  # 1: the security code is an email
    assert redirected(send(client, copy_1=COPIES[0])).endswith("#email-sent")  # 3
    response = follow(client, send(client, copy_1=COPIES[0], copy_2=COPIES[1]))
    assert "We can send it to only 2 more email addresses for now" in banner_text(response)
    assert redirected(send(client, copy_1=COPIES[0])).endswith("#email-sent")  # 5
    assert smtp.inbox.wait_for(2)
    assert len(smtp.inbox.envelopes) == 2


def test_copies_count_against_the_daily_cap(letter_app, smtp):
    letter_app.config["EMAIL_DAILY_LIMIT"] = 4
    client = written(letter_app.test_client(), smtp)  # 1: the security code
    response = follow(client, send(client, copy_1=COPIES[0], copy_2=COPIES[1], copy_3=COPIES[2]))
    assert "We can send it to only 3 more email addresses for now" in banner_text(response)
    assert redirected(send(client, copy_1=COPIES[0], copy_2=COPIES[1])).endswith("#email-sent")
    refused = banner_text(follow(client, send(client)))
    assert "Email is not available for the rest of today" in refused
    assert smtp.inbox.wait_for(1)
    assert len(smtp.inbox.envelopes) == 1
