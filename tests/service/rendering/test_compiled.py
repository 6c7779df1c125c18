"""The engine's output equals plain docxtpl's (autoescape=True) in text and structure, but
keeps every value literally (docxtpl rewrites its escapes such as `{_{` even in values), fails
loudly, and is safe to share between threads."""

import io
import re
import threading
import zipfile

import docx
import docxtpl
import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from bench.rendering import plain_docxtpl_render
from service.rendering import (
    CompiledTemplate,
    InvalidCharacterError,
    MalformedOutputError,
    TemplateCompileError,
)
from service.rendering.compiled import DOCXTPL_VERSION
from tests.service.rendering import builders

LONG = ("Łódź, 12 Main Road; the school said no. " * 130)[:5000]
HOSTILE = [
    "Smith & Sons",
    "A <b> tag",
    "x > y < z",
    'He said "hello"',
    "O'Brien's",
    "</w:t><w:t>injected",
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "Zażółć gęślą jaźń",
    "یہ میرے بچے کے بارے میں ہے",
    "关于我孩子的信",
    "Family 👩‍👧‍👦 and 🎉",
    "before\tafter",
    "line one\nline two",
    LONG,
]
TITLE = "Letter about a child's needs"
# Text holding docxtpl's escapes, which docxtpl rewrites even in values ({_{ to {{).
TYPED_ESCAPES = [
    "{_{7*7}_}",
    "{_{ 7*7 }_}",
    "{_% if true %_}yes{_% endif %_}",
    "}_} %_} {_{ {_%",
    "_{_{_}_}_",
    "a{_",
    "_}b",
]

# docxtpl rewrites its escapes wherever they are, values included; the engine only in the
# template's own text. To compare the two on values holding escapes, docxtpl is given each
# underscore next to a brace or % as a stand-in character, put back in its output.
_STAND_IN = "\ue000"
_ESCAPE_UNDERSCORE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def _hide_escapes(value):
    if isinstance(value, str):
        return _ESCAPE_UNDERSCORE.sub(_STAND_IN, value)
    if isinstance(value, list):
        return [_hide_escapes(item) for item in value]
    if isinstance(value, dict):
        return {key: _hide_escapes(item) for key, item in value.items()}
    return value


def docxtpl_keeping_escapes(path, context):
    """Plain docxtpl's output, but with values' escapes printed as they are."""
    plain = plain_docxtpl_render(path, _hide_escapes(context))
    return builders.replace_in_parts(plain, _STAND_IN, "_")


def letter_context(value):
    """Every string in the letter set to `value`: headers, footers, loops, rows, conditions."""
    return {
        "sender": value,
        "address": value,
        "recipient": value,
        "child": value,
        "first_name": value,
        "items": [value, value],
        "flag": True,
        "rows": [{"date": value, "what": value, "outcome": value}] * 2,
        "note": value,
        "reference": value,
        "long_text": value,
    }


MIXED = {
    "sender": "Anna Kowalska & Sons",
    "address": "1 <High> Street, Łódź",
    "recipient": 'Mr "Head" O\'Brien',
    "child": "Zoë 🎉",
    "first_name": "{{ 7*7 }}",
    "items": ["Reading & writing", "</w:t><w:t>", "关于", "{% if x %}"],
    "flag": False,
    "rows": [],
    "note": "never shown",
    "reference": "ABC/123 <ref>",
    "long_text": LONG,
}


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    return builders.build_letter(tmp_path_factory.mktemp("letter") / "letter.docx")


@pytest.fixture(scope="module")
def compiled_letter(letter):
    return CompiledTemplate.from_path(letter, title=TITLE)


@pytest.mark.parametrize("value", HOSTILE, ids=lambda value: repr(value[:20]))
def test_hostile_values_match_docxtpl_and_stay_literal(letter, compiled_letter, value):
    context = letter_context(value)
    engine = compiled_letter.render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(letter, context))
    for text in (builders.python_docx_text(engine), builders.docx2python_text(engine)):
        assert value in text
    assert "49" not in builders.python_docx_text(engine)


def test_mixed_context_with_false_condition_and_empty_rows_matches_docxtpl(letter, compiled_letter):
    engine = compiled_letter.render(MIXED)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(letter, MIXED))
    text = builders.python_docx_text(engine)
    assert "never shown" not in text
    for value in ("Anna Kowalska & Sons", "1 <High> Street, Łódź", "{{ 7*7 }}", "</w:t><w:t>"):
        assert value in text
    assert "49" not in text
    assert builders.docx2python_text(engine) == builders.docx2python_text(
        plain_docxtpl_render(letter, MIXED)
    )


@pytest.mark.parametrize("value", ["bell\ahere", "page\fbreak", "crlf\r\nline"])
def test_listing_characters_match_docxtpl(letter, compiled_letter, value):
    context = letter_context(value)
    engine = compiled_letter.render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(letter, context))


def test_split_tag_is_patched_like_docxtpl(compiled_letter):
    text = builders.python_docx_text(compiled_letter.render(letter_context("Sam")))
    assert "I am writing about Sam (Sam), who needs support." in text
    assert "{{" not in text


def test_output_is_a_valid_deterministic_zip(compiled_letter):
    data = compiled_letter.render(MIXED)
    assert data == compiled_letter.render(MIXED)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any(info.flag_bits & 0x8 for info in infos)  # no data descriptors


def test_variables_are_exactly_the_templates(compiled_letter):
    assert compiled_letter.variables == builders.LETTER_VARIABLES
    assert compiled_letter.dynamic_parts == {
        "word/document.xml",
        "word/header1.xml",
        "word/footer1.xml",
    }


@pytest.mark.parametrize("missing", ["note", "sender", "reference", "rows"])
def test_a_missing_variable_raises(compiled_letter, missing):
    context = letter_context("x")
    del context[missing]
    with pytest.raises(jinja2.UndefinedError, match=missing):
        compiled_letter.render(context)


def test_core_properties_hold_the_title_and_no_user_data(letter, compiled_letter):
    engine = builders.entries(compiled_letter.render(letter_context("Secret Family Name")))
    core = engine["docProps/core.xml"].decode("utf-8")
    assert "Secret Family Name" not in core
    properties = core_properties(compiled_letter.render(MIXED))
    assert properties.title == TITLE
    assert (properties.author, properties.last_modified_by) == ("", "")
    assert (properties.comments, properties.keywords) == ("", "")
    same = compiled_letter.render(letter_context("Someone Else"))
    assert builders.entries(same)["docProps/core.xml"].decode("utf-8") == core


def test_core_properties_from_the_template_are_cleared(tmp_path):
    path = builders.build_core_properties(
        tmp_path / "t.docx", author="Jane Teacher", comments="internal", keywords="x"
    )
    compiled = CompiledTemplate.from_path(path)
    properties = core_properties(compiled.render({"name": "A"}))
    assert (properties.author, properties.comments, properties.keywords) == ("", "", "")


def core_properties(data):
    return docx.Document(io.BytesIO(data)).core_properties


@pytest.mark.parametrize("name", ["subject", "title", "identifier"])
def test_jinja_in_core_properties_is_refused(tmp_path, name):
    path = builders.build_core_properties(tmp_path / "t.docx", **{name: "{{ name }}"})
    with pytest.raises(TemplateCompileError, match=name):
        CompiledTemplate.from_path(path)


def test_eight_threads_get_identical_bytes(compiled_letter):
    contexts = [letter_context(value) for value in HOSTILE[:8]]
    expected = [compiled_letter.render(context) for context in contexts]
    barrier = threading.Barrier(8)
    results: dict[int, set[bytes]] = {}
    errors = []

    def work(index):
        try:
            barrier.wait()
            results[index] = {compiled_letter.render(contexts[index]) for _ in range(15)}
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [results[index] for index in range(8)] == [{data} for data in expected]


def test_same_context_from_eight_threads_at_once(compiled_letter):
    barrier = threading.Barrier(8)
    outputs = []

    def work():
        barrier.wait()
        outputs.append(compiled_letter.render(MIXED))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outputs) == 8
    assert len(set(outputs)) == 1


# -- other templates ------------------------------------------------------------------------


def test_static_template_is_prerendered_and_matches_docxtpl(tmp_path):
    path = builders.build_static(tmp_path / "static.docx")
    compiled = CompiledTemplate.from_path(path)
    assert compiled.dynamic_parts == frozenset()
    assert compiled.variables == frozenset()
    builders.assert_same_as_docxtpl(compiled.render({}), plain_docxtpl_render(path, {}))


@pytest.mark.parametrize("columns", [[], ["A"], ["A", "B", "C"], ["A & B", "<C>", "D", "E", "F"]])
def test_column_loop_fixes_tables_like_docxtpl(tmp_path, columns):
    path = builders.build_columns(tmp_path / "columns.docx")
    context = {"title": "Cols & <rows>", "columns": columns}
    engine = CompiledTemplate.from_path(path).render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(path, context))


@pytest.mark.parametrize("rows", [[], ["one"], ["one", "two & three"]])
def test_table_of_only_a_row_loop_matches_docxtpl(tmp_path, rows):
    path = builders.build_only_loop_table(tmp_path / "rows.docx")
    context = {"title": "T", "rows": rows}
    engine = CompiledTemplate.from_path(path).render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(path, context))


def test_irregular_tables_fix_tables_changes_without_tags_match_docxtpl(tmp_path):
    path = builders.build_irregular_tables(tmp_path / "irregular.docx")
    context = {"title": "Grid & <grid>"}
    engine = CompiledTemplate.from_path(path).render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(path, context))


@pytest.mark.parametrize("names", [[], ["Ann"], ["Ann", "Bo & Co"]])
def test_pictures_are_renumbered_like_docxtpl(tmp_path, names):
    path = builders.build_pictures(tmp_path / "pictures.docx")
    context = {"names": names}
    engine = CompiledTemplate.from_path(path).render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(path, context))
    document = etree.fromstring(builders.entries(engine)["word/document.xml"])
    ids = [element.get("id") for element in document.iter() if element.tag.endswith("}docPr")]
    assert ids == ["1001", "1002"]


@pytest.mark.parametrize("value", ["a book", "Smith & Sons <2020>", "{{ 7*7 }}", "{_{ 7*7 }_}"])
def test_footnotes_match_docxtpl(tmp_path, value):
    path = builders.build_footnotes(tmp_path / "footnotes.docx")
    compiled = CompiledTemplate.from_path(path)
    assert "word/footnotes.xml" in compiled.dynamic_parts
    assert compiled.variables == {"subject", "source"}
    context = {"subject": "claims", "source": value}
    engine = compiled.render(context)
    builders.assert_same_as_docxtpl(engine, docxtpl_keeping_escapes(path, context))
    footnotes = etree.fromstring(builders.entries(engine)["word/footnotes.xml"])
    assert value in "".join(footnotes.itertext())


@pytest.mark.parametrize("line", [None, "", "Prepared with help from Smith & Sons <2020>"])
def test_a_footer_reading_only_an_absent_variable_is_made_once_and_matches_docxtpl(tmp_path, line):
    path = builders.build_optional_footer(tmp_path / "footer.docx")
    compiled = CompiledTemplate.from_path(path)
    assert compiled.variables == {"title", "line"}
    context = {"title": "T"} | ({} if line is None else {"line": line})
    engine = compiled.render(context)
    builders.assert_same_as_docxtpl(engine, plain_docxtpl_render(path, context))
    footer = next(v for k, v in builders.entries(engine).items() if k.startswith("word/footer"))
    assert ("Smith &amp; Sons &lt;2020&gt;" in footer.decode()) is bool(line)
    (part,) = [p for p in compiled._parts if p.name.startswith("word/footer")]
    assert part.unset is not None  # made at compile time, used while `line` is not given


# -- docxtpl's escapes: in the template's text, not in values ----------------------------------


@pytest.mark.parametrize("value", TYPED_ESCAPES)
def test_values_holding_docxtpl_escapes_come_back_exactly_as_typed(letter, compiled_letter, value):
    context = letter_context(value)
    engine = compiled_letter.render(context)
    builders.assert_same_as_docxtpl(engine, docxtpl_keeping_escapes(letter, context))
    for text in (builders.python_docx_text(engine), builders.docx2python_text(engine)):
        assert text.count(value) >= 9  # body, loops, table rows, header and footer
    assert "49" not in builders.python_docx_text(engine)


def test_the_stand_in_for_docxtpl_shows_its_rewriting(letter):
    # The comparison above holds only because docxtpl itself does rewrite values.
    plain = builders.python_docx_text(plain_docxtpl_render(letter, letter_context("{_{7*7}_}")))
    assert "{{7*7}}" in plain
    assert "{_{7*7}_}" not in plain


def test_escapes_in_the_templates_own_text_still_print_braces(tmp_path):
    path = builders.build_escapes(tmp_path / "escapes.docx")
    compiled = CompiledTemplate.from_path(path)
    assert compiled.variables == {"name"}
    for name in ("Ada", "{_{ Ada }_}"):
        context = {"name": name}
        engine = compiled.render(context)
        builders.assert_same_as_docxtpl(engine, docxtpl_keeping_escapes(path, context))
        text = builders.python_docx_text(engine)
        assert f"Write {{{{ name }}}} or {{% if x %}} to print {name}" in text
        assert f"Header {{{{ x }}}} for {name}" in text


# -- failing loudly -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "character", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff", "\ud800"]
)
@pytest.mark.parametrize("field", ["note", "sender", "reference"])  # body, header, footer
def test_characters_xml_cannot_carry_raise(compiled_letter, character, field):
    context = letter_context("fine")
    context[field] = f"bad{character}value"
    with pytest.raises(InvalidCharacterError, match=f"U\\+{ord(character):04X}"):
        compiled_letter.render(context)


def test_tags_breaking_the_xml_raise_instead_of_being_repaired(tmp_path):
    path = builders.build_broken(tmp_path / "broken.docx")
    compiled = CompiledTemplate.from_path(path)
    builders.assert_same_as_docxtpl(
        compiled.render({"flag": True}), plain_docxtpl_render(path, {"flag": True})
    )
    with pytest.raises(MalformedOutputError, match=r"word/document\.xml"):
        compiled.render({"flag": False})


def test_a_template_syntax_error_names_the_part(tmp_path):
    path = builders.build_core_properties(tmp_path / "t.docx")
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = "{% if %}"
    document.save(path)
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        CompiledTemplate.from_path(path)
    assert any("word/header" in note for note in caught.value.__notes__)


def test_compiled_template_is_only_made_by_from_path():
    with pytest.raises(TypeError):
        CompiledTemplate()


def test_docxtpl_is_the_version_whose_steps_the_engine_follows():
    assert docxtpl.__version__ == DOCXTPL_VERSION


# Any text a form could let through: every character XML can carry, the ones docxtpl's
# resolve_listing turns into breaks, and pieces of markup and Jinja.
_XML_TEXT = st.lists(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs",),
        exclude_characters="".join(
            chr(code)
            for code in [*range(0x09), 0x0B, *range(0x0E, 0x20), 0xFFFE, 0xFFFF, ord(_STAND_IN)]
        ),
    )
    | st.sampled_from(
        ["\a", "\f", "&", "<", ">", '"', "'", "{{", "}}", "{%", "%}", "{", "}", "%", "_"]
    )
    | st.sampled_from(TYPED_ESCAPES),
    max_size=30,
).map("".join)


@settings(max_examples=40, deadline=None)
@given(
    values=st.fixed_dictionaries(
        {
            "sender": _XML_TEXT,
            "note": _XML_TEXT,
            "items": st.lists(_XML_TEXT, max_size=3),
            "rows": st.lists(st.tuples(_XML_TEXT, _XML_TEXT), max_size=2),
            "flag": st.booleans(),
        }
    )
)
def test_any_text_matches_docxtpl(letter, compiled_letter, values):
    context = {
        **letter_context(values["sender"]),
        "note": values["note"],
        "items": values["items"],
        "flag": values["flag"],
        "rows": [{"date": date, "what": what, "outcome": "-"} for date, what in values["rows"]],
    }
    engine = compiled_letter.render(context)
    builders.assert_same_as_docxtpl(engine, docxtpl_keeping_escapes(letter, context))
