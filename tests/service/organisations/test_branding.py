"""An organisation's front door, and journeys started there keeping its brand to the end."""

import io
from urllib.parse import parse_qs, urlsplit

import docx
import pytest
from flask import session

from service import drafts
from service.answers import validate_answers
from service.delivery import mail
from service.organisations import branding
from tests.service.own_document import page, post

EHC = "ehc-needs-assessment-request"
NORTH_NAME, SOUTH_NAME = "North Vale Advice", "South Shore Family Support"


def branded_client(app, slug, organisation, *, leave_out=()):
    """A browser holding a draft of `slug` started from `organisation`'s front door (None: from
    the service's own pages), every step answered with the example but those in `leave_out`."""
    document = app.extensions["catalogue"].get(slug)
    client = app.test_client()
    with app.test_request_context():
        answers = validate_answers(document, document.example).answers
        steps = {
            step.slug: {name: answers[name] for name in names if name in answers}
            for step, names in document.answer_names.items()
            if step.should_show(answers) and step.slug not in leave_out
        }
        draft = drafts.Draft(slug, steps=steps, organisation=organisation)
        drafts.save(draft)
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    return client, draft


def text_of(response):
    assert response.status_code == 200, (response.status_code, response.location)
    return response.get_data(as_text=True)


def header_name(response):
    names = page(response).xpath("//header//*[@class='app-org-header__name']/text()")
    return names[0] if names else None


def footer_text(response):
    return " ".join(page(response).xpath("//footer//text() | //div[@class='govuk-footer']//text()"))


def test_the_front_door_shows_the_organisation_and_its_documents_in_its_order(org_client):
    response = org_client.get("/o/north-advice/")
    tree = page(response)
    assert header_name(response) == NORTH_NAME
    assert tree.xpath("//header//img/@src") == ["/o/north-advice/logo.svg"]
    links = tree.xpath("//ul[@class='app-document-list']//a/@href")
    assert [urlsplit(link).path for link in links] == [
        "/documents/ehc-needs-assessment-request/",
        "/documents/concern-letter/",
        "/documents/missed-deadline-letter/",
    ]
    assert all(parse_qs(urlsplit(link).query) == {"org": ["north-advice"]} for link in links)
    text = text_of(response)
    assert "North Vale Advice helps families." in text
    assert "Call us if you get stuck." in text
    assert 'href="tel:08081570101"' in text
    assert "https://north-vale.example.org/local-offer" in text
    assert SOUTH_NAME not in text
    assert "IPSEA" not in text


def test_an_unknown_organisation_is_not_found(org_client):
    assert org_client.get("/o/west-advice/").status_code == 404
    assert org_client.get("/o/north-advice/logo.png").status_code == 404  # it has an SVG


def test_the_main_start_page_is_not_branded(org_client):
    response = org_client.get("/")
    assert header_name(response) is None
    assert NORTH_NAME not in text_of(response)
    assert "IPSEA" in footer_text(response)


def test_a_journey_started_from_the_front_door_wears_its_brand(org_client):
    response = org_client.get("/documents/ehc-needs-assessment-request/?org=north-advice")
    assert header_name(response) == NORTH_NAME
    tree = page(response)
    # Back to the front door, not to the service's start page.
    assert tree.xpath("//nav[@aria-label='Back']//a/@href") == ["/o/north-advice/"]
    start = tree.xpath("//a[contains(@class, 'govuk-button--start')]/@href")[0]
    assert parse_qs(urlsplit(start).query) == {"draft": ["new"], "org": ["north-advice"]}
    footer = footer_text(response)
    assert "0808 157 0101" in footer
    assert "IPSEA" not in footer

    first = org_client.get(start)
    assert header_name(first) == NORTH_NAME
    action = page(first).xpath("//form[@method='post']/@action")[0]
    assert "org=north-advice" in action


def test_the_first_save_records_the_brand_in_the_draft_so_the_address_no_longer_needs_it(
    org_app, org_client
):
    document = org_app.extensions["catalogue"].get(EHC)
    first = document.steps[0]
    url = f"/documents/{EHC}/{first.slug}?draft=new&org=north-advice"
    with org_app.test_request_context():
        answers = validate_answers(document, document.example).answers
    data = {name: answers[name] for name in document.field_names(first) if name in answers}
    response = post(org_client, url, _as_form(data))
    assert response.status_code == 302
    ref = parse_qs(urlsplit(response.location).query)["draft"][0]
    # Without the organisation in the address, the draft still wears its brand...
    again = org_client.get(f"/documents/{EHC}/{first.slug}?draft={ref}")
    assert header_name(again) == NORTH_NAME
    # ...and an address cannot give it another.
    other = org_client.get(f"/documents/{EHC}/{first.slug}?draft={ref}&org=south-advice")
    assert header_name(other) == NORTH_NAME


def _as_form(answers):
    form = {}
    for name, value in answers.items():
        if isinstance(value, bool):
            form[name] = "yes" if value else "no"
        elif isinstance(value, list):
            form[name] = value
        else:
            form[name] = value
    return form


def test_an_address_cannot_brand_a_draft_started_elsewhere(org_app):
    client, draft = branded_client(org_app, EHC, None)
    response = client.get(f"/documents/{EHC}/check-answers?draft={draft.ref}&org=north-advice")
    assert header_name(response) is None
    assert "IPSEA" in footer_text(response)


def test_a_document_the_organisation_does_not_offer_is_not_branded(org_client):
    response = org_client.get("/documents/ehc-needs-assessment-request/?org=south-advice")
    assert header_name(response) is None
    assert SOUTH_NAME not in text_of(response)


def test_every_page_of_a_finished_branded_journey_keeps_the_brand(org_app):
    client, draft = branded_client(org_app, EHC, "north-advice")
    for page_name in ("check-answers", "done"):
        response = client.get(f"/documents/{EHC}/{page_name}?draft={draft.ref}")
        assert header_name(response) == NORTH_NAME, page_name
        text = text_of(response)
        assert SOUTH_NAME not in text
        assert "IPSEA" not in footer_text(response)
    done = page(client.get(f"/documents/{EHC}/done?draft={draft.ref}"))
    assert done.xpath("//aside[@class='app-helpline']//h2/text()") == [
        "Get help from North Vale Advice"
    ]


def test_the_council_step_arrives_filled_with_the_organisations_council_and_can_be_changed(
    org_app,
):
    client, draft = branded_client(org_app, EHC, "north-advice", leave_out=("council",))
    url = f"/documents/{EHC}/council?draft={draft.ref}"
    tree = page(client.get(url))
    assert tree.xpath("//input[@name='la_name']/@value") == ["North Vale Council"]
    assert tree.xpath("//input[@name='la_team']") == []  # this letter does not ask it
    filled = "North Vale Advice has filled in North Vale Council’s details. Check them"
    assert filled in tree.xpath("string(//div[@class='govuk-inset-text'])")
    address = tree.xpath("//textarea[@name='la_address']/text()")[0]
    assert address.strip() == "Town Hall\nNorth Street\nNorth Vale\nNV1 1AA"

    response = post(
        client,
        url,
        {
            "la_name": "East Vale Council",
            "la_officer": "",
            "la_address": "1 East Road\nEast Vale",
        },
    )
    assert response.status_code == 302
    again = page(client.get(url))
    assert again.xpath("//div[@class='govuk-inset-text']") == []  # theirs now, not ours
    check = text_of(client.get(f"/documents/{EHC}/check-answers?draft={draft.ref}"))
    assert "East Vale Council" in check
    assert "North Vale Council" not in check
    letter = docx_text(client.get(f"/documents/{EHC}/download?draft={draft.ref}").data)
    assert "East Vale Council" in letter
    assert "North Vale Council" not in letter


def test_the_team_is_filled_where_a_letter_asks_for_it(org_app):
    slug = "missed-deadline-letter"
    client, draft = branded_client(org_app, slug, "north-advice", leave_out=("council",))
    tree = page(client.get(f"/documents/{slug}/council?draft={draft.ref}"))
    assert tree.xpath("//input[@name='la_name']/@value") == ["North Vale Council"]
    assert tree.xpath("//input[@name='la_team']/@value") == ["SEND Team"]


def test_a_council_answer_already_given_is_not_filled_again(org_app):
    client, draft = branded_client(org_app, EHC, "north-advice")
    tree = page(client.get(f"/documents/{EHC}/council?draft={draft.ref}"))
    assert tree.xpath("//input[@name='la_name']/@value") != ["North Vale Council"]


def docx_text(data):
    document = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def footer_lines(data):
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.sections[0].footer.paragraphs if p.text]


@pytest.mark.parametrize(
    ("slug", "organisation", "line"),
    [
        (EHC, "north-advice", True),  # chosen for this document
        ("concern-letter", "north-advice", False),  # offered, but the line not chosen for it
        (EHC, None, False),  # the same document, not started from the front door
        ("concern-letter", "south-advice", False),  # an organisation with no line
    ],
)
def test_the_organisations_line_is_in_a_document_only_where_it_chose_it(
    org_app, slug, organisation, line
):
    client, draft = branded_client(org_app, slug, organisation)
    response = client.get(f"/documents/{slug}/download?draft={draft.ref}")
    assert response.status_code == 200
    lines = footer_lines(response.data)
    expected = ["Prepared with help from North Vale Advice"] if line else []
    assert lines[:-1] == expected
    assert lines[-1].startswith("Page ")
    # Never as the sender: the letter's own text does not name the organisation.
    assert NORTH_NAME not in docx_text(response.data)


def test_a_branded_blank_template_carries_the_line_too(org_client):
    response = org_client.get(f"/documents/{EHC}/blank?org=north-advice")
    assert footer_lines(response.data)[0] == "Prepared with help from North Vale Advice"
    plain = org_client.get(f"/documents/{EHC}/blank")
    assert len(footer_lines(plain.data)) == 1


def test_no_brand_outside_a_request(org_app):
    document = org_app.extensions["catalogue"].get(EHC)
    assert branding.line_for(document) == ""


@pytest.mark.parametrize(("slug", "said"), [(EHC, True), ("concern-letter", False)])
def test_the_done_page_gives_the_councils_email_for_a_letter_to_the_council(org_app, slug, said):
    org_app.config.update(MAIL_OUTBOX=True, MAIL_DEFAULT_SENDER="letters@service.example.org")
    mail.init_app(org_app)  # email offered, as from a copy with an outbox
    client, draft = branded_client(org_app, slug, "north-advice")
    text = " ".join(text_of(client.get(f"/documents/{slug}/done?draft={draft.ref}")).split())
    sentence = (
        "If you are sending it to North Vale Council, the email address for its SEND Team is "
        '<span class="app-break-anywhere">send@north-vale.example.org</span>.'
    )
    assert (sentence in text) is said


def test_the_next_document_keeps_the_brand_where_the_organisation_offers_it(org_app):
    client, draft = branded_client(org_app, "concern-letter", "north-advice")
    for target, brand in ((EHC, NORTH_NAME), ("complaint", None)):
        url = f"/your-documents/{draft.ref}/next/{target}"
        response = post(client, url, {})
        assert response.status_code == 303
        assert header_name(client.get(response.location)) == brand, target


def test_a_post_for_a_lost_draft_starts_a_new_one_with_the_brand(org_app, org_client):
    """(What was typed is kept as for any lost draft: tests/service/journey.)"""
    document = org_app.extensions["catalogue"].get(EHC)
    first = document.steps[0].slug
    token = page(org_client.get(f"/documents/{EHC}/{first}?draft=new&org=north-advice")).xpath(
        "//input[@name='csrf_token']/@value"
    )[0]
    url = f"/documents/{EHC}/{first}?draft=gone-away&org=north-advice"
    response = org_client.post(url, data={"csrf_token": token})
    assert response.status_code == 302
    following = org_client.get(response.location)
    assert header_name(following) == NORTH_NAME
    # The new draft holds the brand itself: its address alone, without it, still wears it.
    ref = parse_qs(urlsplit(response.location).query)["draft"][0]
    assert header_name(org_client.get(f"/documents/{EHC}/{first}?draft={ref}")) == NORTH_NAME


@pytest.mark.parametrize("slug", [EHC, "missed-deadline-letter"])
def test_the_done_page_sends_families_to_other_advice_only_when_not_branded(org_app, slug):
    plain, plain_draft = branded_client(org_app, slug, None)
    steps = page(plain.get(f"/documents/{slug}/done?draft={plain_draft.ref}")).xpath(
        "//ol[contains(@class, 'govuk-list--number')]/li/text()"
    )
    assert "IPSEA" in steps[-1]
    branded, draft = branded_client(org_app, slug, "north-advice")
    text = text_of(branded.get(f"/documents/{slug}/done?draft={draft.ref}"))
    assert "IPSEA" not in text
    assert "Get help from North Vale Advice" in text


def test_a_start_page_offers_to_continue_only_drafts_begun_on_its_front_door(org_app):
    client, _ = branded_client(org_app, "concern-letter", "north-advice")
    south = text_of(client.get("/documents/concern-letter/?org=south-advice"))
    assert "You have already started" not in south
    north = text_of(client.get("/documents/concern-letter/?org=north-advice"))
    assert "You have already started" in north
    assert "You have already started" in text_of(client.get("/documents/concern-letter/"))
