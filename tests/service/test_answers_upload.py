"""Reading answers back out of a Word document: every document the service makes gives back
exactly the answers it was made from, and anything else is refused with a message a person
can act on, without decompressing, parsing or keeping more than our own part."""

import datetime
import io
import json
import subprocess
import time
import tracemalloc
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from forms import CATALOGUE
from service import answers_upload, dates
from service.answers import validate_answers
from service.answers_upload import UploadError, answers_from_docx, read_upload
from service.config import RANGES, Config
from service.documents import render_document
from service.journey.navigation import progress
from service.openapi import answers_schema
from service.rendering import answers_part
from service.rendering.package import Entry, read_entries
from tests.forms.documents import answers_by_step
from tests.forms.test_documents import HOSTILE, hostile_answers
from tests.service.answers_files import (
    ITEM,
    Trickle,
    billion_laughs,
    external_entity,
    longest_answers,
    made_document,
    other_programs_docx,
    part,
    renamed_zip,
    replaced,
    same,
    with_end_record_count,
    zeros_bomb,
    zip_of,
    zip_with,
)

DOCUMENTS = {document.slug: document for document in CATALOGUE}
SLUGS = list(DOCUMENTS)
MEGABYTE = 1024 * 1024


@pytest.fixture(autouse=True)
def context(app):
    with app.test_request_context():
        yield


@pytest.fixture
def letter(app):
    """The concern letter as the service makes it, and its answers."""
    return made_document(app, "concern-letter")


def refused(data, **kwargs):
    with pytest.raises(UploadError) as caught:
        answers_from_docx(data, **kwargs)
    return caught.value


def refused_with(data, message, status=422):
    error = refused(data)
    assert error.errors == {"file": [message]}
    assert error.message == message
    assert error.status == status
    return error


def carried(data):
    """The JSON our part holds in a package, read without the reader under test."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return json.loads(_text(package.read(ITEM)))


def _text(item):
    return etree.fromstring(item).text


# -- every document gives its answers back ---------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_a_document_made_from_answers_sent_to_the_api_gives_them_back(app, slug):
    data, answers = made_document(app, slug)
    found_slug, found = answers_from_docx(data)
    assert found_slug == slug
    assert same(found, answers)
    assert same(carried(data), answers)


@pytest.mark.parametrize("slug", SLUGS)
def test_a_document_made_by_the_journey_carries_only_the_steps_that_apply(slug):
    """As the download does it: the answers stored step by step, worked out by `progress`.
    Answers kept from steps that no longer apply (an earlier answer changed since) are left
    out of the file, as they are left out of the document."""
    document = DOCUMENTS[slug]
    validated = validate_answers(document, document.example)
    stored = answers_by_step(document, validated.answers)
    hidden = [step for step in document.steps if not step.should_show(validated.answers)]
    left_over = set()
    for step in hidden:
        stored[step.slug] = dict.fromkeys(document.field_names(step), "typed before")
        left_over.update(document.field_names(step))
    state = progress(document, stored)
    assert state.first_missing is None
    data = render_document(document, state.answers)
    assert not left_over & set(carried(data))
    found_slug, found = answers_from_docx(data)
    assert found_slug == slug
    assert same(found, state.answers)
    assert same(found, validated.answers)


def test_some_examples_have_steps_that_do_not_apply():
    """So the test above leaves something out."""
    skipped = {
        slug: [step.slug for step in document.steps if not step.should_show(document.example)]
        for slug, document in DOCUMENTS.items()
    }
    assert sum(map(len, skipped.values())) >= 3, skipped


def test_dates_lists_booleans_numbers_and_empty_answers_come_back_as_they_were(app):
    kinds = set()
    for slug in SLUGS:
        data, answers = made_document(app, slug)
        assert same(answers_from_docx(data)[1], answers)
        kinds |= {_kind(value) for value in answers.values()}
    assert kinds >= {"date", "text", "list of text", "list of groups", "yes or no", "number"}
    assert "nothing" in kinds


def _kind(value):
    if isinstance(value, bool):
        return "yes or no"
    if isinstance(value, int):
        return "number"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "list of groups" if value and isinstance(value[0], dict) else "list of text"
    if len(value) == 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
        return "date"
    return "text"


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("text", [" ".join(HOSTILE), "]]> <![CDATA[ </answers> &amp; 𝄞 😊"])
def test_any_text_typed_comes_back_exactly(app, slug, text):
    data, answers = made_document(app, slug, hostile_answers(DOCUMENTS[slug], text))
    assert same(answers_from_docx(data)[1], answers)
    assert any(text[:20] in json.dumps(value, ensure_ascii=False) for value in answers.values())


def test_a_blank_document_carries_no_answers(app):
    for document in CATALOGUE:
        data = render_document(document, None, blank=True)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert not [name for name in package.namelist() if name.startswith("customXml/")]
        refused_with(data, answers_upload.NOT_OURS)


# -- as Word and LibreOffice save it again ---------------------------------------------------


def test_the_part_is_found_by_its_namespace_whatever_its_number(letter):
    data, answers = letter
    ours = _item(data)
    moved = replaced(
        data,
        {
            ITEM: b'<?xml version="1.0"?><b:Sources xmlns:b="urn:theirs"/>',
            "customXml/item2.xml": b"<CoverPageProperties/>",
            "customxml/ITEM7.xml": ours,
        },
    )
    assert same(answers_from_docx(moved)[1], answers)


def test_a_part_stored_uncompressed_is_read(letter):
    data, answers = letter
    ours = _item(data)
    stored = Entry(ITEM, zipfile.ZIP_STORED, zlib.crc32(ours), len(ours), ours)
    others = [entry for entry in read_entries(data) if entry.name != ITEM]
    assert same(answers_from_docx(zip_with([*others, stored]))[1], answers)


def test_the_part_as_another_program_writes_it_is_read(letter):
    """Quotes escaped, single-quoted attributes, other prefixes, a BOM, UTF-16: XML is XML."""
    data, answers = letter
    text = json.dumps(answers).replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    rewritten = (
        "\ufeff<?xml version='1.0' encoding='UTF-16'?>\n"
        f"<a:answers xmlns:a='{answers_part.NAMESPACE}' version='1' document='concern-letter'>"
        f"{text}</a:answers>"
    ).encode("utf-16-le")
    assert same(answers_from_docx(replaced(data, {ITEM: rewritten}))[1], answers)


@pytest.mark.libreoffice
def test_libreoffice_keeps_the_answers_when_it_saves_the_document_again(
    app, soffice_path, tmp_path
):
    sources = []
    for slug in ("sen-support-plan", "concern-letter"):
        data, _ = made_document(app, slug)
        sources.append(tmp_path / f"{slug}.docx")
        sources[-1].write_bytes(data)
    subprocess.run(
        [
            soffice_path,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "saved"),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for source in sources:
        saved = (tmp_path / "saved" / source.name).read_bytes()
        assert saved != source.read_bytes()
        slug, answers = answers_from_docx(saved)
        assert slug == source.stem
        assert same(answers, made_document(app, slug)[1])


# -- files that are not ours -----------------------------------------------------------------


def test_an_empty_file():
    refused_with(b"", answers_upload.EMPTY)


def test_a_text_file():
    refused_with(b"Dear Ms Patel,\nI am writing about Sam.\n", answers_upload.NOT_WORD)


def test_another_program_s_word_document():
    refused_with(other_programs_docx(), answers_upload.NOT_OURS)


def test_a_renamed_zip():
    refused_with(renamed_zip(), answers_upload.NOT_OURS)


def test_a_part_in_another_namespace(letter):
    data, answers = letter
    refused_with(
        replaced(data, {ITEM: part(answers=answers, namespace="urn:someone-else:answers")}),
        answers_upload.NOT_OURS,
    )


@pytest.mark.parametrize("version", ["2", "0", "", "1.0"])
def test_a_format_version_this_service_cannot_read(letter, version):
    data, answers = letter
    item = part(answers=answers, version=version)
    refused_with(replaced(data, {ITEM: item}), answers_upload.UNKNOWN_VERSION)


def test_a_part_without_a_version(letter):
    data, answers = letter
    item = part(answers=answers).replace(b' version="1"', b"")
    refused_with(replaced(data, {ITEM: item}), answers_upload.UNKNOWN_VERSION)


def test_a_document_this_service_does_not_make(letter):
    data, answers = letter
    item = part("letter-to-santa", answers=answers)
    refused_with(replaced(data, {ITEM: item}), answers_upload.UNKNOWN_DOCUMENT)


@pytest.mark.parametrize(
    "text",
    [
        '{"child_name": "Sam"',
        "",
        '["child_name", "Sam"]',
        '"Sam"',
        '{"child_name": "Sam", "child_name": "Ann"}',
        '{"count": NaN}',
        "[" * 100_000,
    ],
)
def test_answers_that_are_not_a_json_object(letter, text):
    data, _ = letter
    refused_with(replaced(data, {ITEM: part(text=text)}), answers_upload.UNREADABLE)


@pytest.mark.parametrize(
    "item",
    [
        part(text='{"child_name": <b>"Sam"</b>}'),
        part(text='{"child_name": "Sam"}<!-- and more -->'),
        part(text='{"child_name": "Sam"').replace(b"</answers>", b""),
        part(text='{"a": "&nbsp;"}'),
        part().replace(b'document="concern-letter" ', b""),
    ],
)
def test_a_part_that_is_not_one_element_of_json(letter, item):
    data, _ = letter
    refused_with(replaced(data, {ITEM: item}), answers_upload.UNREADABLE)


def test_two_parts_of_answers(letter):
    data, _ = letter
    refused_with(replaced(data, {"customXml/item2.xml": _item(data)}), answers_upload.UNREADABLE)


def test_answers_the_forms_refuse_come_back_with_the_forms_messages(letter):
    data, answers = letter
    changed = {**answers, "child_name": "", "child_dob": "2099-02-30", "surprise": "x"}
    error = refused(replaced(data, {ITEM: part(answers=changed)}))
    expected = validate_answers(DOCUMENTS["concern-letter"], changed).errors
    assert expected
    assert error.errors == expected
    assert error.status == 422
    first = next(iter(expected.values()))[0]
    assert error.message == f"{answers_upload.INVALID}: {first[0].lower()}{first[1:]}"
    # For a web page that would rather start a draft and have the person put them right.
    assert error.document == "concern-letter"
    assert error.answers == changed


@pytest.mark.parametrize("slug", ["ehc-needs-assessment-request", "records-request"])
def test_a_request_read_back_after_its_sending_date_is_refused_with_the_answers_it_holds(app, slug):
    """The date to send on must be today or later: months on, the file's date no longer is.
    The refusal says so, and carries the answers for a page that lets the person change it."""
    data, answers = made_document(app, slug)
    with dates.as_of(dates.today() + datetime.timedelta(days=120)):
        error = refused(data)
    assert list(error.errors) == ["sent_on"]
    assert error.errors["sent_on"][0].endswith("must be today or in the future")
    assert error.document == slug
    assert same(error.answers, answers)


def test_file_problems_carry_no_answers():
    error = refused(renamed_zip())
    assert error.document is None
    assert error.answers is None


def test_a_part_with_a_bad_checksum_is_damaged(letter):
    data, _ = letter
    entries = [
        Entry(e.name, e.method, e.crc ^ 1, e.size, e.compressed) if e.name == ITEM else e
        for e in read_entries(data)
    ]
    refused_with(zip_with(entries), answers_upload.DAMAGED)


def test_a_cut_off_file_is_refused(letter):
    data, _ = letter
    for length in (10, len(data) // 2, len(data) - 30):
        assert refused(data[:length]).errors["file"][0] in {
            answers_upload.NOT_WORD,
            answers_upload.DAMAGED,
        }


# -- files made to hurt ----------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_413_before_anything_is_read(app):
    limit = app.config["UPLOAD_MAX_BYTES"]
    refused_with(b"PK" + bytes(limit), "The file is too large: it must be 5 MB or smaller", 413)


@pytest.mark.parametrize(
    ("limit", "words"),
    [(5 * MEGABYTE, "5 MB"), (int(4.56 * MEGABYTE), "4.5 MB"), (512 * 1024, "512 KB")],
)
def test_size_limits_are_said_as_people_read_them(limit, words):
    assert answers_upload._size(limit) == words


def test_a_zip_bomb_in_our_part_is_refused_having_inflated_no_more_than_the_limit(letter, app):
    """A gigabyte of zeros in about a megabyte: the header says its true size."""
    data, _ = letter
    head = part(text='{"child_name": "').removesuffix(b'"}</answers>')[:-1]
    bomb = zeros_bomb(ITEM, head, 1024, b'"}</answers>')
    upload = zip_with([*(e for e in read_entries(data) if e.name != ITEM), bomb])
    assert len(upload) < 2 * MEGABYTE
    _refused_within_memory(upload, answers_upload.TOO_MUCH_DATA, app)


def test_a_zip_bomb_that_lies_about_its_size_is_refused(letter, app):
    data, _ = letter
    head = part(text='{"child_name": "').removesuffix(b'"}</answers>')[:-1]
    bomb = zeros_bomb(ITEM, head, 1024, b'"}</answers>', declared_size=2000)
    upload = zip_with([*(e for e in read_entries(data) if e.name != ITEM), bomb])
    _refused_within_memory(upload, answers_upload.DAMAGED, app)


def test_a_zip_bomb_before_another_item_s_root_element_is_refused(letter, app):
    data, _ = letter
    bomb = zeros_bomb("customXml/item2.xml", b"<?xml version='1.0'?><!--", 1024, b"--><x/>")
    _refused_within_memory(zip_with([*read_entries(data), bomb]), answers_upload.TOO_MUCH_DATA, app)


def test_a_zip_bomb_anywhere_else_is_never_opened(letter):
    """Nothing but custom XML items is decompressed: a bomb in the body does no harm."""
    data, answers = letter
    bomb = zeros_bomb("word/media/image1.png", b"", 2048)
    upload = zip_with([*read_entries(data), bomb])
    tracemalloc.start()
    started = time.monotonic()
    try:
        found = answers_from_docx(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 2
    assert peak < 8 * MEGABYTE
    assert same(found[1], answers)


def test_a_part_larger_than_the_limit_is_refused(letter, app):
    data, _ = letter
    limit = app.config["UPLOAD_ANSWERS_MAX_BYTES"]
    huge = part(answers={"child_name": "Sam " * (limit // 4)})
    refused_with(replaced(data, {ITEM: huge}), answers_upload.TOO_MUCH_DATA)


def test_a_zip_of_very_many_entries_is_refused_before_its_directory_is_read(app):
    count = app.config["UPLOAD_MAX_ENTRIES"] * 30
    many = zip_of([(f"customXml/item{n}.xml", b"") for n in range(count)])
    started = time.monotonic()
    refused_with(many, answers_upload.TOO_MANY_ENTRIES)
    assert time.monotonic() - started < 0.5


def test_a_zip_that_hides_how_many_entries_it_has_is_refused(app):
    count = app.config["UPLOAD_MAX_ENTRIES"] + 1
    many = zip_of([(f"customXml/item{n}.xml", b"") for n in range(count)])
    refused_with(with_end_record_count(many, 3), answers_upload.TOO_MANY_ENTRIES)


def test_billion_laughs_are_refused_without_expanding_them(letter):
    data, _ = letter
    started = time.monotonic()
    refused_with(replaced(data, {ITEM: billion_laughs()}), answers_upload.UNREADABLE)
    assert time.monotonic() - started < 1


def test_an_external_entity_is_refused_and_never_read(letter, tmp_path, monkeypatch):
    data, _ = letter
    (tmp_path / "secret.txt").write_text("the secret")
    monkeypatch.chdir(tmp_path)
    error = refused_with(
        replaced(data, {ITEM: external_entity("secret.txt")}), answers_upload.UNREADABLE
    )
    assert "secret" not in str(error.errors)


def test_a_doctype_alone_is_refused(letter):
    data, answers = letter
    item = part(answers=answers).replace(b"\n<answers", b"\n<!DOCTYPE answers>\n<answers")
    refused_with(replaced(data, {ITEM: item}), answers_upload.UNREADABLE)


def test_reading_stops_at_the_deadline(letter):
    data, _ = letter
    error = refused(data, deadline=time.monotonic() - 1)
    assert error.errors == {"file": [answers_upload.TOO_SLOW_TO_READ]}


# -- reading an upload from a stream ---------------------------------------------------------


def test_an_upload_is_read_from_a_stream(letter):
    data, answers = letter
    slug, found = read_upload(Trickle(data))
    assert slug == "concern-letter"
    assert same(found, answers)


def test_an_upload_that_never_ends_is_refused_just_past_the_limit(app):
    stream = Trickle(b"", size=64 * 1024, forever=True)
    with pytest.raises(UploadError) as caught:
        read_upload(stream)
    assert caught.value.status == 413
    assert stream.sent <= app.config["UPLOAD_MAX_BYTES"] + 64 * 1024


def test_an_upload_that_arrives_too_slowly_is_refused(letter):
    data, _ = letter
    with pytest.raises(UploadError) as caught:
        read_upload(Trickle(data, pause=0.02), deadline=time.monotonic() + 0.1)
    assert caught.value.status == 408
    assert caught.value.errors == {"file": [answers_upload.TOO_SLOW]}


# -- limits ----------------------------------------------------------------------------------


def test_the_longest_answers_any_document_allows_fit_the_smallest_part_limit():
    """Every answer at its longest, typed in a script of 4-byte characters, every list full:
    a document the service made must always be readable back."""
    smallest = RANGES["UPLOAD_ANSWERS_MAX_BYTES"][0]
    assert smallest <= Config.UPLOAD_ANSWERS_MAX_BYTES
    for document in CATALOGUE:
        largest = _largest_json(answers_schema(document))
        assert largest < smallest, (document.slug, largest)


def _largest_json(schema):
    """The most bytes of compact JSON an answer fitting `schema` can take."""
    if "anyOf" in schema:
        return max(map(_largest_json, schema["anyOf"]))
    if "enum" in schema:
        return max(len(json.dumps(value)) for value in schema["enum"])
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else [kind for kind in kinds if kind != "null"]
    largest = 4  # null
    if "string" in kinds:
        # A date, or text up to its length; \" and \\ take 2 bytes, a 4-byte character 4.
        largest = max(largest, 2 + 4 * schema.get("maxLength", len("2026-01-31")))
    if "integer" in kinds:
        largest = max(largest, len(str(schema.get("maximum", 2**53))) + 1)
    if "boolean" in kinds:
        largest = max(largest, 5)
    if "array" in kinds:
        items = schema["items"]
        count = schema.get("maxItems") or len(items.get("enum", ()))
        assert count, schema
        largest = max(largest, 2 + count * (_largest_json(items) + 1))
    if "object" in kinds:
        largest = max(
            largest,
            2
            + sum(
                len(json.dumps(k)) + 2 + _largest_json(v) for k, v in schema["properties"].items()
            ),
        )
    return largest


@pytest.mark.parametrize("slug", SLUGS)
def test_the_longest_answers_are_made_and_read_back_within_the_limits(app, slug):
    """Every free text at its longest in 4-byte characters, and every list full."""
    document = DOCUMENTS[slug]
    data, validated = made_document(app, slug, longest_answers(document))
    assert len(data) < RANGES["UPLOAD_MAX_BYTES"][0]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.getinfo(ITEM).file_size < RANGES["UPLOAD_ANSWERS_MAX_BYTES"][0]
    assert same(answers_from_docx(data)[1], validated)


# -- whatever the bytes ----------------------------------------------------------------------


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), max_size=6),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
def test_a_damaged_document_is_answered_or_refused_never_crashes(app, flips, cut):
    with app.test_request_context():
        data, _ = _document_for_fuzzing(app)
        damaged = bytearray(data)
        for where, change in flips:
            damaged[int(where * len(damaged))] ^= change
        if cut is not None:
            damaged = damaged[: int(cut * len(damaged))]
        outcome = _outcome(bytes(damaged))
        assert outcome in {"answers", *FILE_MESSAGES} or outcome.startswith(
            answers_upload.INVALID
        ), outcome


FILE_MESSAGES = {
    answers_upload.EMPTY,
    answers_upload.NOT_WORD,
    answers_upload.NOT_OURS,
    answers_upload.DAMAGED,
    answers_upload.TOO_MANY_ENTRIES,
    answers_upload.TOO_MUCH_DATA,
    answers_upload.UNREADABLE,
    answers_upload.UNKNOWN_VERSION,
    answers_upload.UNKNOWN_DOCUMENT,
}


def _outcome(data):
    """ "answers", or the message of the UploadError refusing `data` (with status 422); any
    other exception fails the test."""
    try:
        slug, found = answers_from_docx(data)
    except UploadError as error:
        return error.message if error.status == 422 else f"status {error.status}"
    return "answers" if slug == "concern-letter" and isinstance(found, dict) else "wrong"


_FUZZED = {}


def _document_for_fuzzing(app):
    if "letter" not in _FUZZED:
        _FUZZED["letter"] = made_document(app, "concern-letter")
    return _FUZZED["letter"]


def _item(data):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(ITEM)


def _refused_within_memory(upload, message, app):
    tracemalloc.start()
    started = time.monotonic()
    try:
        error = refused(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.errors == {"file": [message]}
    assert time.monotonic() - started < 2
    # The budget, one chunk and the parser's copy of what it was fed, at most.
    assert peak < 3 * app.config["UPLOAD_ANSWERS_MAX_BYTES"] + 4 * MEGABYTE
