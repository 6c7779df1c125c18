"""The answers part: its XML holds any answer exactly, and a rendered package carries it, with
what Word needs to keep it, only when answers are given."""

import io
import json
import zipfile

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from service.rendering import CompiledTemplate, answers_part
from tests.service.rendering import builders

CONTEXT = {
    "sender": "Ada",
    "address": "1 High Street",
    "recipient": "Head",
    "child": "Sam",
    "first_name": "Sam",
    "items": ["Reading"],
    "flag": True,
    "rows": [],
    "note": "",
    "reference": "A1",
    "long_text": "",
}
# What could end the element, start markup or an entity, or upset an encoder.
HOSTILE = [
    "]]>",
    "</answers><answers>",
    "<!-- a comment -->",
    "<![CDATA[x]]>",
    "&amp; &lt; &#x26; &unknown;",
    "a < b > c & d",
    "\"double\" 'single' ‘curly’",
    "😊👍🏽 𝄞 𠜎",
    "back\\slash \\u0041 \\n",
    "line\nbreak\ttab",
    "\u2028\u2029",
    "}{",
]


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    path = builders.build_letter(tmp_path_factory.mktemp("letter") / "letter.docx")
    return CompiledTemplate.from_path(path, title="Letter")


def parse(data):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.mark.parametrize("text", HOSTILE)
def test_any_answer_comes_back_exactly(text):
    answers = {"child_name": text, "concerns": [{"what": text}], "flag": True, "n": 3}
    root = parse(answers_part.item_xml("concern-letter", answers))
    assert root.tag == answers_part.ROOT_TAG
    assert len(root) == 0  # text only: nothing an answer holds became an element
    assert dict(root.attrib) == {"document": "concern-letter", "version": "1"}
    assert json.loads(root.text) == answers


def test_types_and_order_are_kept():
    answers = {"z": "2026-01-31", "a": [1, 2], "m": {"b": False, "a": None}, "e": ""}
    text = parse(answers_part.item_xml("x", answers)).text
    assert json.loads(text) == answers
    assert list(json.loads(text)) == ["z", "a", "m", "e"]


@pytest.mark.parametrize(
    "character", ["\x00", "\x1f", "\ufffe", "\uffff", chr(0xD800), chr(0xDFFF)]
)
def test_a_character_xml_cannot_carry_is_escaped_not_lost(character):
    """The forms refuse these; if one ever got past them, the part still parses and holds it."""
    answers = {"child_name": f"a{character}b"}
    assert json.loads(parse(answers_part.item_xml("x", answers)).text) == answers


def test_a_package_with_answers_carries_the_part_and_what_word_needs(letter):
    answers_xml = answers_part.item_xml("letter", {"child": "Sam"})
    data = letter.render(CONTEXT, answers_xml=answers_xml)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
    # Reached from the main document by relationship, as Word finds custom XML. python-docx's
    # own template (which the test templates start from) has a custom XML item already.
    document = docx.Document(io.BytesIO(data))
    items = [rel.target_part for rel in document.part.rels.values() if rel.reltype == RT.CUSTOM_XML]
    [item] = [item for item in items if item.blob == answers_xml]
    assert item.partname == "/customXml/item2.xml"
    assert item.content_type == CT.XML
    [properties] = [rel.target_part for rel in item.rels.values()]
    assert [rel.reltype for rel in item.rels.values()] == [RT.CUSTOM_XML_PROPS]
    assert properties.partname == "/customXml/itemProps2.xml"
    assert properties.content_type == CT.OFC_CUSTOM_XML_PROPERTIES
    assert properties.blob == answers_part.ITEM_PROPERTIES
    root = parse(properties.blob)
    ds = "{http://schemas.openxmlformats.org/officeDocument/2006/customXml}"
    assert root.get(f"{ds}itemID") == answers_part.ITEM_ID
    assert root.find(f"{ds}schemaRefs/{ds}schemaRef").get(f"{ds}uri") == answers_part.NAMESPACE


def test_a_package_without_answers_has_no_trace_of_them(letter):
    with_part = letter.render(CONTEXT, answers_xml=answers_part.item_xml("letter", {}))
    without = letter.render(CONTEXT)
    with zipfile.ZipFile(io.BytesIO(without)) as package:
        names = package.namelist()
        text = b"".join(package.read(name) for name in names)
    assert answers_part.NAMESPACE.encode() not in text
    assert b"item2.xml" not in text
    with zipfile.ZipFile(io.BytesIO(with_part)) as package:
        added = [name for name in package.namelist() if name not in names]
        changed = {name for name in names if package.read(name) != _read(without, name)}
    assert sorted(added) == [
        "customXml/_rels/item2.xml.rels",
        "customXml/item2.xml",
        "customXml/itemProps2.xml",
    ]
    assert changed == {"[Content_Types].xml", "word/_rels/document.xml.rels"}


def test_the_same_answers_give_the_same_bytes(letter):
    answers_xml = answers_part.item_xml("letter", {"child": "Sam"})
    assert letter.render(CONTEXT, answers_xml=answers_xml) == letter.render(
        CONTEXT, answers_xml=answers_xml
    )


def test_a_template_s_own_custom_xml_is_kept_beside_ours(letter):
    theirs = _read(letter.render(CONTEXT), "customXml/item1.xml")
    assert b"bibliography" in theirs
    data = letter.render(CONTEXT, answers_xml=answers_part.item_xml("letter", {}))
    assert _read(data, "customXml/item1.xml") == theirs


def _read(data, name):
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)
