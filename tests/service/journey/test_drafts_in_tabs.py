"""Several drafts of one document in one browser, each at its own address: two tabs work on
two drafts at once without mixing them, and a new draft's first post, saved or not, keeps
what was typed at the address that names it."""

from flask import g

from tests.addresses import draft_of, without_draft
from tests.service.journey.test_views import BASE, error_texts
from tests.service.own_document import csrf_token, page, post


def start_new(client, name):
    """A tab that starts a new draft and saves its first step: the draft's ref."""
    response = post(client, f"{BASE}/name?draft=new", {"name": name})
    assert response.status_code == 302
    ref = draft_of(response.location)
    assert ref not in (None, "new")
    return ref


def test_two_tabs_hold_two_drafts_and_each_post_goes_to_its_own(fake_client):
    first = start_new(fake_client, "Ada Lovelace")
    second = start_new(fake_client, "Grace Hopper")
    assert first != second
    # Tab one answers its next step; then tab two answers the same step differently.
    token_one = csrf_token(fake_client, f"{BASE}/has-pets?draft={first}")
    token_two = csrf_token(fake_client, f"{BASE}/has-pets?draft={second}")
    one = fake_client.post(
        f"{BASE}/has-pets?draft={first}", data={"csrf_token": token_one, "has_pets": "yes"}
    )
    two = fake_client.post(
        f"{BASE}/has-pets?draft={second}", data={"csrf_token": token_two, "has_pets": "no"}
    )
    assert (without_draft(one.location), draft_of(one.location)) == (f"{BASE}/pets", first)
    assert (without_draft(two.location), draft_of(two.location)) == (f"{BASE}/details", second)
    name_one = page(fake_client.get(f"{BASE}/name?draft={first}"))
    name_two = page(fake_client.get(f"{BASE}/name?draft={second}"))
    assert name_one.xpath("//input[@name='name']/@value") == ["Ada Lovelace"]
    assert name_two.xpath("//input[@name='name']/@value") == ["Grace Hopper"]


def test_every_link_and_form_on_a_draft_page_names_that_draft(fake_client):
    ref = start_new(fake_client, "Ada Lovelace")
    doc = page(fake_client.get(f"{BASE}/has-pets?draft={ref}"))
    assert draft_of(doc.xpath("//form[@method='post']/@action")[0]) == ref
    back = doc.xpath("//a[contains(@class,'govuk-back-link')]/@href")[0]
    assert (without_draft(back), draft_of(back)) == (f"{BASE}/name", ref)


def test_a_new_drafts_first_post_with_errors_keeps_what_was_typed_at_its_own_address(
    fake_client,
):
    response = post(fake_client, f"{BASE}/name?draft=new", {"name": "x" * 500})
    assert response.status_code == 302
    ref = draft_of(response.location)
    assert ref not in (None, "new")
    shown = fake_client.get(response.location)
    assert error_texts(shown)
    assert page(shown).xpath("//input[@name='name']/@value") == ["x" * 500]


def test_an_address_without_a_draft_means_the_latest_one(fake_client):
    start_new(fake_client, "Ada Lovelace")
    latest = start_new(fake_client, "Grace Hopper")
    doc = page(fake_client.get(f"{BASE}/name"))
    assert doc.xpath("//input[@name='name']/@value") == ["Grace Hopper"]
    assert draft_of(doc.xpath("//form[@method='post']/@action")[0]) == latest


def test_a_draft_this_browser_does_not_hold_is_a_page_that_says_so(fake_app, fake_client):
    ref = start_new(fake_client, "Ada Lovelace")
    elsewhere = fake_app.test_client()
    for url in (f"{BASE}/has-pets?draft={ref}", f"{BASE}/check-answers?draft={ref}"):
        response = elsewhere.get(url)
        assert response.status_code == 404
        assert "This document is not on this device" in response.get_data(as_text=True)
    # Posting to it from elsewhere changes nothing here: the post starts a draft there.
    g.pop("csrf_token", None)  # the tests' requests share one app context, and `g`
    token = csrf_token(elsewhere, f"{BASE}/name")
    posted = elsewhere.post(f"{BASE}/name?draft={ref}", data={"csrf_token": token, "name": "Eve"})
    assert posted.status_code == 302
    assert draft_of(posted.location) not in (None, "new", ref)
    doc = page(fake_client.get(f"{BASE}/name?draft={ref}"))
    assert doc.xpath("//input[@name='name']/@value") == ["Ada Lovelace"]


def test_a_page_posted_after_the_device_was_cleared_keeps_what_was_typed(fake_app, fake_client):
    ref = start_new(fake_client, "Ada Lovelace")
    post(fake_client, f"{BASE}/has-pets?draft={ref}", {"has_pets": "yes"})
    url = f"{BASE}/pets?draft={ref}"
    token = csrf_token(fake_client, url)
    with fake_client.session_transaction() as stored:  # left unused past the idle time
        stored["seen"] = 0
    typed = {"pets-0": "Rex", "pets-1": "Tibbles & <Co>"}
    response = fake_client.post(url, data={"csrf_token": token, **typed})
    assert response.status_code == 302
    assert without_draft(response.location) == f"{BASE}/name"  # the new draft's first step
    started = draft_of(response.location)
    assert started not in (None, "new", ref)
    shown = page(fake_client.get(response.location))
    text = " ".join(shown.text_content().split())
    assert "We have started your document again." in text
    assert "no longer holds your documents" not in text  # one message, not two
    post(fake_client, f"{BASE}/name?draft={started}", {"name": "Ada Lovelace"})
    post(fake_client, f"{BASE}/has-pets?draft={started}", {"has_pets": "yes"})
    pets = page(fake_client.get(f"{BASE}/pets?draft={started}"))
    assert pets.xpath("//input[@name='pets-0']/@value") == ["Rex"]
    assert pets.xpath("//input[@name='pets-1']/@value") == ["Tibbles & <Co>"]
    assert not error_texts(fake_client.get(f"{BASE}/pets?draft={started}"))


def test_a_timed_out_post_for_a_draft_not_held_keeps_what_was_typed(fake_app, fake_client):
    ref = start_new(fake_client, "Ada Lovelace")
    elsewhere = fake_app.test_client()
    g.pop("csrf_token", None)
    csrf_token(elsewhere, f"{BASE}/name")
    response = elsewhere.post(
        f"{BASE}/name?draft={ref}", data={"csrf_token": "stale", "name": "Eve"}
    )
    assert response.status_code == 400
    doc = page(response)
    assert doc.xpath("//input[@id='name']/@value") == ["Eve"]
    assert any("timed out" in text for text in error_texts(response))
    assert draft_of(doc.xpath("//form[@method='post']/@action")[0]) == "new"
