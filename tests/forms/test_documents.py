"""Every document type, through the real engine: its template asks for exactly what its
build_context gives, whatever a user types comes back exactly, the output equals plain
docxtpl's, and the file opens in LibreOffice."""

import io
import re
import zipfile

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from forms import CATALOGUE, law
from service.answers import blank_answers, validate_answers
from service.documents import render_document
from service.fields import GroupField, ListField, LongTextField, TextField
from service.rendering import ORGANISATION_LINE
from service.steps import unbound_fields
from tests.forms.documents import printed_pages, template_path
from tests.forms.readability import flesch_reading_ease

DOCUMENTS = {document.slug: document for document in CATALOGUE}
SLUGS = list(DOCUMENTS)

# What people type that breaks naive document generation.
HOSTILE = [
    "Smith & Sons <b>bold</b> \"double\" 'single' ‘curly’ a < b > c",
    "{{ 7*7 }} {% if true %}x{% endif %} {# note #} {%p endfor %}",
    "</w:t></w:r><w:r><w:t>injected",
    "Zażółć gęślą jaźń. Łukasz Wiśniewski",
    "میرا بیٹا اسکول میں پریشان ہے",
    "我的孩子在学校需要帮助",
    "Emoji 😊👍🏽 and a tab\there",
]


@pytest.fixture(autouse=True)
def context(app):
    with app.test_request_context():
        yield


def text_fields(document):
    """(name, max_length, kind) for every free-text answer, lists and groups included."""
    found = []
    for step in document.steps:
        for name, unbound in unbound_fields(step):
            found += _text_fields(name, unbound)
    return found


def _text_fields(name, unbound):
    kind = unbound.field_class
    if issubclass(kind, ListField):
        entry = unbound.args[0]
        if issubclass(entry.field_class, GroupField):
            return [
                (name, sub_name, sub.kwargs.get("max_length", _default_max(sub.field_class)))
                for sub_name, sub in unbound_fields(entry.args[0])
                if _is_free_text(sub.field_class)
            ]
        if _is_free_text(entry.field_class):
            return [(name, None, entry.kwargs.get("max_length", _default_max(entry.field_class)))]
        return []
    if _is_free_text(kind):
        return [(name, "", unbound.kwargs.get("max_length", _default_max(kind)))]
    return []


def _is_free_text(kind):
    return issubclass(kind, TextField) and kind.free_text


def _default_max(kind):
    return 10_000 if issubclass(kind, LongTextField) else 200


def hostile_answers(document, text):
    """The example answers with `text` (cut to fit) in every free-text answer."""
    answers = dict(document.example)
    for name, sub, max_length in text_fields(document):
        value = text[:max_length]
        if sub == "":
            answers[name] = value
        elif sub is None:
            answers[name] = [value]
        else:
            items = answers.get(name) or [{}]
            answers[name] = [{**item, sub: value} for item in items]
    return answers


def all_text(data):
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def produce(app, document, answers):
    """The context and the document as the journey and the API make it, answers part and all."""
    validated = validate_answers(document, answers)
    assert validated.errors == {}, validated.errors
    return document.build_context(validated.answers), render_document(document, validated.answers)


@pytest.mark.parametrize("slug", SLUGS)
def test_template_variables_are_exactly_what_build_context_gives(app, slug):
    """...and the advice service's line, which the engine adds to every document's."""
    document = DOCUMENTS[slug]
    _, _ = produce(app, document, document.example)
    context = document.build_context(validate_answers(document, document.example).answers)
    assert ORGANISATION_LINE not in context
    assert app.extensions["renderer"].variables(document) == {*context, ORGANISATION_LINE}
    assert set(document.build_context(blank_answers(document))) == set(context)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_typed_text_comes_back_exactly(app, slug, text):
    document = DOCUMENTS[slug]
    _, data = produce(app, document, hostile_answers(document, text))
    rendered = all_text(data)
    for name, _, max_length in text_fields(document):
        assert text[:max_length] in rendered, name
    # An evaluated {{ 7*7 }} would leave a bare 49; "paragraph 6.49" of the Code is not one.
    evaluated = re.search(r"(?<![\d.])49(?![\d.])", rendered.replace(text, ""))
    assert not evaluated or "{{ 7*7 }}" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_long_answers_come_back_whole(app, slug):
    document = DOCUMENTS[slug]
    long_text = ("A sentence of about forty characters. " * 140)[:5000].strip()
    _, data = produce(app, document, hostile_answers(document, long_text))
    rendered = all_text(data)
    long_fields = [f for f in text_fields(document) if f[2] >= 5000]
    assert long_fields, "every document has at least one long answer"
    assert rendered.count(long_text) >= len(long_fields)


@pytest.mark.parametrize("slug", SLUGS)
def test_engine_output_equals_plain_docxtpl(app, slug):
    document = DOCUMENTS[slug]
    context, data = produce(app, document, hostile_answers(document, HOSTILE[0] + HOSTILE[2]))
    plain = DocxTemplate(template_path(document))
    plain.render(context, autoescape=True)
    buffer = io.BytesIO()
    plain.save(buffer)
    assert canonical_parts(data) == canonical_parts(buffer.getvalue())


def canonical_parts(data):
    """Body, headers and footers of a package in canonical XML, for comparing structure."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name == "word/document.xml":
                root = etree.fromstring(package.read(name))
                body = root.find(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"
                )
                parts[name] = etree.tostring(body, method="c14n")
            elif name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
                parts[name] = etree.tostring(etree.fromstring(package.read(name)), method="c14n")
    return parts


# A blank template's notes to its reader ("[delete if not needed]"), then every template tag.
_BLANK_NOTES = re.compile(r"{%-? if blank -?%}.*?{%-? endif -?%}")
_TAGS = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}")


@pytest.mark.parametrize("slug", SLUGS)
def test_templates_lay_out_and_build_context_writes_every_sentence(slug):
    """A document's wording lives in one place, its module in forms/: the template's own text
    is headings and table labels only; every other paragraph is made of variables."""
    template = docx.Document(template_path(DOCUMENTS[slug]))
    worded = [
        paragraph.text
        for paragraph in template.paragraphs
        if not paragraph.style.name.startswith(("Heading", "Title"))
        and re.search(r"[A-Za-z]", _TAGS.sub("", _BLANK_NOTES.sub("", paragraph.text)))
    ]
    assert worded == []


@pytest.mark.parametrize("slug", SLUGS)
def test_blank_template_renders_with_bracketed_prompts(app, slug):
    document = DOCUMENTS[slug]
    data = app.extensions["renderer"].render(
        document, document.build_context(blank_answers(document))
    )
    assert "[" in all_text(data)


@pytest.mark.libreoffice
@pytest.mark.parametrize("slug", SLUGS)
def test_example_opens_in_libreoffice(app, slug, soffice_path, tmp_path):
    document = DOCUMENTS[slug]
    _, data = produce(app, document, hostile_answers(document, " ".join(HOSTILE)))
    source = tmp_path / "document.docx"
    source.write_bytes(data)
    (pages,) = printed_pages(soffice_path, tmp_path, [source])
    content = (tmp_path / "document.pdf").read_bytes()
    assert content.startswith(b"%PDF")
    assert pages


# "section 66", "regulation 5(2)", "paragraph 6.45", "article 15", "regulations 4(1) and 5(1)"
LEGAL_REFERENCE = re.compile(r"\b(?:sections?|regulations?|paragraphs?|articles?)\s+\d", re.I)


def unexplained_references(text):
    """Legal references that are not part of one of law.py's citation texts, word for word.
    (A citation's own title can hold a match, as in "... Regulations 2005": that is fine.)"""
    lowered = text.lower()
    covered = set()
    for citation in law.all_citation_texts():
        start = lowered.find(citation.lower())
        while start != -1:
            covered.update(range(start, start + len(citation)))
            start = lowered.find(citation.lower(), start + 1)
    return [
        text[match.start() : match.start() + 60]
        for match in LEGAL_REFERENCE.finditer(text)
        if match.start() not in covered
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_legal_reference_comes_from_law(app, slug):
    document = DOCUMENTS[slug]
    _, filled = produce(app, document, document.example)
    blank = app.extensions["renderer"].render(
        document, document.build_context(blank_answers(document))
    )
    for data in (filled, blank):
        assert unexplained_references(all_text(data)) == []


def test_reference_check_catches_made_up_citations():
    assert unexplained_references("Section 66 of the Children and Families Act 2014 says") == []
    assert unexplained_references("Under section 99 of the Education Act 1996, you must") != []
    assert unexplained_references("See paragraph 6.45 of some other code") != []


@pytest.mark.parametrize("slug", SLUGS)
def test_fixed_wording_is_plain_english(app, slug):
    """Flesch reading ease of the blank document's sentences (headings, address lines and
    table labels left out) is 50 or more: plain enough for most adults."""
    document = DOCUMENTS[slug]
    data = app.extensions["renderer"].render(
        document, document.build_context(blank_answers(document))
    )
    prose = [
        paragraph.text
        for paragraph in docx.Document(io.BytesIO(data)).paragraphs
        if paragraph.text.rstrip().endswith((".", "?", ":", ".]"))
    ]
    assert len(prose) >= 3
    assert flesch_reading_ease(prose) >= 50


# The child's own consent note in a records request is signed with their full name.
SIGNED_BY_CHILD = {"records-request": 1}


@pytest.mark.parametrize("slug", SLUGS)
def test_full_name_once_then_first_name(app, slug):
    """With no "known as", the text gives the child's full name once (tables of details and
    signatures aside) and their first name after it, never the full name over and over."""
    document = DOCUMENTS[slug]
    answers = {k: v for k, v in document.example.items() if k != "child_known_as"}
    _, data = produce(app, document, answers)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    full, first = answers["child_name"], answers["child_name"].split()[0]
    assert text.count(full) == 1 + SIGNED_BY_CHILD.get(slug, 0)
    assert text.replace(full, "").count(first) >= 1


LETTERS = [slug for slug in SLUGS if "support" not in slug]  # the plans greet no one


@pytest.mark.parametrize("name", ["Mrs Helen Ward", "Dr Anna Maria Lopez", "Mr Tom Ward"])
@pytest.mark.parametrize("slug", LETTERS)
def test_greeting_has_no_first_name_between_title_and_surname(app, slug, name):
    document = DOCUMENTS[slug]
    names = [field for field in ("recipient_name", "senco_name", "head_name", "la_officer")
             if field in document.example]  # fmt: skip
    answers = {**document.example, **dict.fromkeys(names, name)}
    _, data = produce(app, document, answers)
    greetings = [
        p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.startswith("Dear ")
    ]
    title, *_, surname = name.split()
    assert greetings == [f"Dear {title} {surname}"]
