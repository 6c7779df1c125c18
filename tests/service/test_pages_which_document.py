"""'Which document do I need?' as a person meets it: one question a page as a GET form, an
error when nothing or something unknown is chosen, Back and Change links that keep the
answers, and a recommendation for every path through the questions."""

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from flask import url_for
from lxml import html

from forms.guide import GUIDE
from service.guide import Question
from tests.settings import make_app

URL = "/which-document"
SUMMARY = "//div[@data-module='govuk-error-summary']"

# Every path through the questions, written out by hand from the law register (docs/law.md)
# and the documents, so that a change to the guide that sends someone to the wrong document
# fails here.
PATHS = {
    (("who", "parent"), ("need", "school"), ("so-far", "not-written")): "concern-letter",
    (("who", "parent"), ("need", "school"), ("so-far", "written")): "complaint",
    (("who", "parent"), ("need", "school"), ("so-far", "complained")): "complaint",
    (("who", "parent"), ("need", "ehc"), ("requested", "no")): "ehc-needs-assessment-request",
    (("who", "parent"), ("need", "ehc"), ("requested", "late")): "missed-deadline-letter",
    (("who", "parent"), ("need", "records")): "records-request",
    (("who", "young-person"), ("need", "ehc"), ("requested", "no")): (
        "ehc-needs-assessment-request"
    ),
    (("who", "young-person"), ("need", "ehc"), ("requested", "late")): "missed-deadline-letter",
    (("who", "young-person"), ("need", "records")): "records-request",
    (("who", "school"), ("task", "plan")): "sen-support-plan",
    (("who", "school"), ("task", "review")): "sen-support-review",
    (("who", "school"), ("task", "ehc")): "ehc-needs-assessment-request",
}


def parse(response):
    assert response.status_code == 200
    return html.fromstring(response.get_data(as_text=True))


def text(element):
    return " ".join(element.text_content().split())


def query(href):
    return dict(parse_qsl(urlsplit(href).query, keep_blank_values=True))


def test_the_written_out_paths_are_every_path_the_guide_has():
    paths = {
        tuple((question.key, choice.value) for question, choice in answered): recommendation
        for answered, recommendation in GUIDE.recommendations()
    }
    assert {path: r.document for path, r in paths.items()} == PATHS


@pytest.mark.parametrize(("path", "slug"), PATHS.items(), ids=str)
def test_every_path_ends_on_its_document(app, client, path, slug):
    page = parse(client.get(URL, query_string=dict(path)))
    document = app.extensions["catalogue"].get(slug)
    assert text(page.xpath("//h1")[0]) == document.title
    with app.test_request_context():
        start = url_for("journey.start", slug=slug)
    (button,) = page.xpath("//main//a[contains(@class, 'govuk-button--start')]")
    assert button.get("href") == start
    main = text(page.xpath("//main")[0])
    assert f"It takes {document.time_text}." in main
    assert "If it does not put things right" in main

    # The answers, each with a link that shows its question again with the answer chosen.
    rows = page.xpath("//main//div[contains(@class, 'govuk-summary-list__row')]")
    assert len(rows) == len(path)
    for row, (key, value) in zip(rows, path, strict=True):
        (change,) = row.xpath(".//a")
        again = parse(client.get(change.get("href")))
        (checked,) = again.xpath("//input[@type='radio'][@checked]")
        assert (checked.get("name"), checked.get("value")) == (key, value)


def test_each_question_is_a_get_form_carrying_the_answers_so_far(client):
    page = parse(client.get(URL, query_string={"who": "parent", "need": "school"}))
    (form,) = page.xpath("//main//form")
    assert (form.get("method"), form.get("action")) == ("get", URL)
    hidden = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert hidden == {"who": "parent", "need": "school", "asked": "so-far"}
    (legend,) = form.xpath(".//legend//h1")
    assert text(legend) == "Which document do I need? What have you done so far?"
    radios = form.xpath(".//input[@type='radio']")
    assert {radio.get("name") for radio in radios} == {"so-far"}
    assert not form.xpath(".//input[@type='radio'][@checked]")
    assert not page.xpath(SUMMARY)


def test_choosing_nothing_gives_the_error_summary_and_message(app, client):
    page = parse(client.get(URL, query_string={"asked": "who"}))
    assert text(page.find(".//title")).startswith("Error: Who are you?")
    (summary,) = page.xpath(SUMMARY)
    (link,) = summary.xpath(".//a")
    assert (text(link), link.get("href")) == ("Select who you are", "#who")
    assert page.xpath("//input[@type='radio'][@id='who']")  # the link goes to a real input
    (message,) = page.xpath("//*[contains(@class, 'govuk-error-message')]")
    assert text(message) == "Error: Select who you are"


@pytest.mark.parametrize(
    "args",
    [
        {"who": "alien"},
        {"who": ""},
        {"who": "parent", "need": "x" * 5000},
        {"who": "parent", "need": "school", "so-far": "<script>alert(1)</script>"},
        {"who": "school", "task": "plan", "change": "nowhere"},
    ],
)
def test_unknown_answers_are_an_error_on_their_question_not_a_failure(client, args):
    response = client.get(URL, query_string=args)
    page = parse(response)
    if "change" in args:  # an unknown question to change is ignored
        assert page.xpath("//a[contains(@class, 'govuk-button--start')]")
        return
    (summary,) = page.xpath(SUMMARY)
    assert text(summary).startswith("There is a problem Select")
    assert "<script>" not in response.get_data(as_text=True)


def test_two_different_answers_to_one_question_are_an_error(client):
    response = client.get(f"{URL}?{urlencode([('who', 'parent'), ('who', 'school')])}")
    assert text(parse(response).xpath("//main//form//legend")[0]).endswith("Who are you?")
    assert "Select who you are" in response.get_data(as_text=True)


def test_back_goes_to_the_question_before_with_its_answer_chosen(client):
    first = parse(client.get(URL))
    assert first.xpath("//a[contains(@class, 'govuk-back-link')]")[0].get("href") == "/"

    page = parse(client.get(URL, query_string={"who": "parent", "need": "ehc"}))
    back = page.xpath("//a[contains(@class, 'govuk-back-link')]")[0].get("href")
    assert query(back) == {"who": "parent", "need": "ehc", "change": "need"}
    again = parse(client.get(back))
    (checked,) = again.xpath("//input[@type='radio'][@checked]")
    assert (checked.get("name"), checked.get("value")) == ("need", "ehc")
    # Sent again from there, the form carries only the answers before it.
    hidden = {i.get("name"): i.get("value") for i in again.xpath("//form//input[@type='hidden']")}
    assert hidden == {"who": "parent", "asked": "need"}


def test_a_question_shown_to_be_changed_can_be_sent_with_a_new_answer(client):
    page = parse(client.get(URL, query_string={"who": "parent", "need": "records"}))
    assert text(page.xpath("//h1")[0]) == "Ask a school for a child's records"
    changed = parse(client.get(URL, query_string={"who": "parent", "need": "ehc", "asked": "need"}))
    assert text(changed.xpath("//legend")[0]).endswith(
        "Have you already asked the council for an EHC needs assessment?"
    )


def test_the_route_takes_no_post(client):
    assert client.post(URL, data={"who": "parent"}).status_code == 405


def test_without_a_guide_there_is_no_route_and_no_link():
    plain = make_app(GUIDE=None)
    client = plain.test_client()
    assert client.get(URL).status_code == 404
    page = html.fromstring(client.get("/").get_data(as_text=True))
    assert not page.xpath(f"//a[@href='{URL}']")
    assert not page.xpath("//*[contains(@class, 'app-escalation')]")


def test_the_guide_is_cut_to_the_documents_a_copy_offers(app):
    catalogue = app.extensions["catalogue"]
    offered = [catalogue.get(slug) for slug in ("concern-letter", "complaint", "sen-support-plan")]
    client = make_app(catalogue=offered).test_client()
    first = parse(client.get(URL))
    values = [i.get("value") for i in first.xpath("//input[@type='radio']")]
    assert values == ["parent", "school"]  # no document here is for a young person alone
    # A parent has only "the school" left to need help with: that question is not asked.
    parent = parse(client.get(URL, query_string={"who": "parent"}))
    assert {i.get("name") for i in parent.xpath("//input[@type='radio']")} == {"so-far"}
    school = parse(client.get(URL, query_string={"who": "school"}))
    assert text(school.xpath("//h1")[0]) == catalogue.get("sen-support-plan").title


def test_questions_are_one_a_page_and_answered_by_radios():
    def questions(node):
        if isinstance(node, Question):
            yield node
            for choice in node.choices:
                yield from questions(choice.leads_to)

    found = list(questions(GUIDE.first))
    assert found
    for question in found:
        assert question.text.endswith("?")
        assert question.error.startswith("Select ")
        assert 2 <= len(question.choices) <= 5
