"""Check your answers on real documents: a Back link, one Change link for a long step, and the
dates the document works out."""

import pytest
from lxml import html

from forms import CATALOGUE
from service.journey.summary import ROWS_WITH_OWN_LINKS
from tests.addresses import without_draft
from tests.service.journey.finished import catalogue_app, finished_client

SLUGS = [document.slug for document in CATALOGUE]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return catalogue_app(tmp_path_factory.mktemp("check"))


def check_page(app, slug):
    response = finished_client(app, slug).get(f"/documents/{slug}/check-answers")
    assert response.status_code == 200
    return html.fromstring(response.get_data(as_text=True))


@pytest.mark.parametrize("slug", SLUGS)
def test_back_goes_to_the_last_question(app, slug):
    document = next(document for document in CATALOGUE if document.slug == slug)
    doc = check_page(app, slug)
    (back,) = [without_draft(h) for h in doc.xpath("//a[contains(@class,'govuk-back-link')]/@href")]
    applying = [step.slug for step in document.steps]
    assert back.startswith(f"/documents/{slug}/")
    assert back.rsplit("/", 1)[1] in applying


@pytest.mark.parametrize("slug", SLUGS)
def test_a_long_step_has_one_change_link_and_a_short_one_a_link_a_row(app, slug):
    doc = check_page(app, slug)
    cards = doc.xpath("//div[contains(concat(' ', @class, ' '), ' govuk-summary-card ')]")
    assert cards
    for card in cards:
        title = card.xpath("string(.//*[@class='govuk-summary-card__title'])").strip()
        rows = card.xpath(".//div[contains(@class,'govuk-summary-list__row')]")
        card_links = card.xpath(".//*[contains(@class,'govuk-summary-card__actions')]//a")
        row_links = card.xpath(".//*[contains(@class,'govuk-summary-list__actions')]//a")
        if title == "Dates your document gives":
            # Worked out, so changed through the answers they come from.
            assert (card_links, row_links) == ([], [])
        elif len(rows) > ROWS_WITH_OWN_LINKS:
            assert (len(card_links), len(row_links)) == (1, 0), title
            assert "change=1" in card_links[0].get("href")
            # Read out as "Change answers (About your child)": the card's title is added.
            spoken = " ".join(card_links[0].text_content().split())
            assert spoken == f"Change answers ({title})"
        else:
            assert (len(card_links), len(row_links)) == (0, len(rows)), title


def test_the_plan_no_longer_has_a_change_link_on_every_row(app):
    doc = check_page(app, "sen-support-plan")
    links = doc.xpath("//main//a[starts-with(normalize-space(.), 'Change')]")
    cards = doc.xpath("//div[contains(concat(' ', @class, ' '), ' govuk-summary-card ')]")
    assert len(links) == len(cards)  # one a step


def test_the_dates_a_letter_works_out_are_shown_before_it_is_sent(app):
    doc = check_page(app, "missed-deadline-letter")
    (card,) = [
        card
        for card in doc.xpath("//div[contains(concat(' ', @class, ' '), ' govuk-summary-card ')]")
        if "Dates your document gives" in card.text_content()
    ]
    keys = [key.text_content().strip() for key in card.xpath(".//dt")]
    assert keys[0] == "The council received the request on"
    assert "Action asked for by" in keys


def test_a_document_that_works_out_no_dates_has_no_such_card(app):
    doc = check_page(app, "sen-support-review")
    assert "Dates your document gives" not in doc.text_content()
