"""The start page guides: help choosing first, links that jump straight to each section, the
order a parent usually takes things in, and who can see answers kept in this browser."""

from flask import url_for
from lxml import html

from bench.drafts import finished_draft_cookie
from forms.guide import GUIDE


def get_page(client):
    response = client.get("/")
    assert response.status_code == 200
    return html.fromstring(response.get_data(as_text=True))


def text(element):
    return " ".join(element.text_content().split())


def test_help_choosing_and_the_jump_list_come_before_every_document(app, client):
    page = get_page(client)
    main = page.xpath("//main")[0]
    (choose,) = main.xpath(".//a[normalize-space()='Help me choose']")
    assert choose.get("href") == "/which-document"
    assert "Answer up to 3 short questions" in text(choose.xpath("ancestor::div[1]")[0])

    (nav,) = main.xpath(".//nav[@aria-labelledby='jump-list-heading']")
    targets = [a.get("href") for a in nav.xpath(".//a")]
    sections = app.extensions["catalogue"].sections()
    assert targets == [f"#{section.key}" for section, _, _ in sections] + [
        "#made-before",
        "#your-answers",
    ]
    for target in targets:  # each jumps to one heading on the page
        assert len(main.xpath(".//h2[@id=$id]", id=target[1:])) == 1

    first_document = main.xpath(".//ul[contains(@class, 'app-document-list')]")[0]
    everything = list(main.iter())
    assert everything.index(nav) < everything.index(first_document)
    assert everything.index(choose) < everything.index(first_document)


def test_school_documents_have_their_own_section_which_links_to_shared_ones(app, client):
    page = get_page(client)
    (schools,) = page.xpath("//main//h2[@id='for-schools']")
    listed = schools.xpath("following-sibling::ul[contains(@class, 'app-document-list')][1]//h3")
    assert [text(h3) for h3 in listed] == ["SEN support plan", "SEN support plan review"]
    also = schools.xpath("following-sibling::ul[contains(@class, 'govuk-list--bullet')][1]//a")
    ehc = app.extensions["catalogue"].get("ehc-needs-assessment-request")
    with app.test_request_context():
        assert [(text(a), a.get("href")) for a in also] == [
            (ehc.title, url_for("journey.start", slug=ehc.slug))
        ]


def test_the_order_of_escalation_for_parents(app, client):
    page = get_page(client)
    (families,) = page.xpath("//main//h2[@id='for-families']")
    (details,) = families.xpath("following-sibling::details[1]")
    assert text(details.xpath(".//summary")[0]) == (
        "What to do if you are worried about your child at school"
    )
    steps = details.xpath(".//ol/li")
    assert len(steps) == len(GUIDE.escalation)
    catalogue = app.extensions["catalogue"]
    with app.test_request_context():
        for item, step in zip(steps, GUIDE.escalation, strict=True):
            assert text(item).startswith(" ".join(step.text.split()))
            links = [(text(a), a.get("href")) for a in item.xpath(".//a")]
            if step.document:
                document = catalogue.get(step.document)
                assert links == [(document.title, url_for("journey.start", slug=step.document))]
            else:
                assert links == []
    words = text(details)
    assert words.index("class teacher") < words.index("formal complaint")
    assert "You do not need the school to agree" in words
    assert "SENDIASS" in words


def test_it_says_who_can_see_answers_on_a_shared_device(app, client):
    page = get_page(client)
    (heading,) = page.xpath("//main//h2[@id='your-answers']")
    assert text(heading) == "Who can see your answers"
    words = " ".join(text(p) for p in heading.xpath("following-sibling::p"))
    days = app.config["DRAFT_RETENTION_DAYS"]
    assert f"We keep your answers for {days} days after you last change them" in words
    assert "Anyone using this browser in that time can see and change them." in words
    assert "choose ‘Clear this device’ at the top of the page" in words
    # Nothing saved in this browser: nothing to list.
    assert not page.xpath("//main//h3[normalize-space()='Answers saved in this browser']")


def test_answers_saved_in_this_browser_are_listed_with_a_way_to_delete_them(app):
    client = app.test_client()
    name, value = finished_draft_cookie(app, "complaint").split("=", 1)
    client.set_cookie(name, value)

    page = get_page(client)
    (heading,) = page.xpath("//main//h3[normalize-space()='Answers saved in this browser']")
    rows = heading.xpath("following-sibling::dl[1]/div")
    assert len(rows) == 1
    (row,) = rows
    complaint = app.extensions["catalogue"].get("complaint")
    assert text(row.xpath("dt")[0]) == complaint.title
    assert text(row.xpath("dd")[0]).startswith("Kept until ")
    links = {text(a): a.get("href") for a in row.xpath(".//a")}
    continue_at = links[f"Continue {complaint.title}"]
    assert continue_at.startswith("/your-documents#")
    ref = continue_at.partition("#")[2]
    assert links == {
        f"Continue {complaint.title}": f"/your-documents#{ref}",
        f"Delete your answers for {complaint.title}": f"/documents/complaint/delete?draft={ref}",
    }

    # Once deleted, the row goes.
    delete = client.get("/documents/complaint/delete").get_data(as_text=True)
    token = html.fromstring(delete).xpath("//input[@name='csrf_token']")[0].get("value")
    client.post("/documents/complaint/delete", data={"csrf_token": token})
    assert not get_page(client).xpath(
        "//main//h3[normalize-space()='Answers saved in this browser']"
    )


def test_each_documents_own_start_page_says_how_long_it_takes(app, client):
    for document in app.extensions["catalogue"]:
        response = client.get(f"/documents/{document.slug}/")
        page = html.fromstring(response.get_data(as_text=True))
        words = text(page.xpath("//main")[0])
        assert f"It takes {document.time_text}." in words, document.slug


def test_a_new_device_is_shown_how_to_carry_on_from_a_document_made_before(client):
    page = get_page(client)
    (link,) = page.xpath("//main//a[normalize-space()='Upload the Word document']")
    assert link.get("href") == "/your-documents/upload"
    assert "Made a document with this service before, on any device?" in text(link.getparent())
