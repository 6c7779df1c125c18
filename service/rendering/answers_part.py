"""The answers a document was made from, carried inside the .docx as a custom XML part.

Format version 1: a part `customXml/itemN.xml` (N is 1 in what the service writes; Word may
renumber the items when it saves a file again) holding one element and nothing else:

    <answers xmlns="urn:sen-letters:answers" document="concern-letter" version="1">{...}</answers>

Its text is the answers object as JSON. Word keeps a custom XML part it is told about: the main
document relates to the item (relationship type customXml), and the item to its properties
(`customXml/itemPropsN.xml`, a datastoreItem naming our namespace as its schema).

The parts that never change are added to a template once, when it is compiled (`add_to`);
each render makes only the item itself (`item_xml`). Reading an uploaded file back is
service/answers_upload.py's work: it finds the part by its root element, never by its name.
"""

from __future__ import annotations

import json

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part

from service.text import XML_INVALID

NAMESPACE = "urn:sen-letters:answers"
ELEMENT = "answers"
ROOT_TAG = f"{{{NAMESPACE}}}{ELEMENT}"  # as lxml names the root element
DOCUMENT_ATTRIBUTE = "document"
VERSION_ATTRIBUTE = "version"
VERSION = "1"

# The datastore item's id: Word needs one per item, and ours is always the same one.
ITEM_ID = "{3E9FF0EE-01A0-4E22-B913-7EC43BEAB9CA}"
ITEM_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    '<ds:datastoreItem xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"'
    f' ds:itemID="{ITEM_ID}"><ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/>'
    "</ds:schemaRefs></ds:datastoreItem>"
).encode()

_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{element} xmlns="{ns}" '
_HEAD = _HEAD.format(element=ELEMENT, ns=NAMESPACE)
_TAIL = f"</{ELEMENT}>".encode()


def add_to(document) -> str:
    """Add the item, its properties and their relationships to a python-docx `document`;
    returns the item's zip entry name, whose content each render gives (`item_xml`)."""
    package = document.part.package
    item = Part(package.next_partname("/customXml/item%d.xml"), CT.XML, b"", package)
    properties = Part(
        package.next_partname("/customXml/itemProps%d.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        ITEM_PROPERTIES,
        package,
    )
    document.part.relate_to(item, RT.CUSTOM_XML)
    item.relate_to(properties, RT.CUSTOM_XML_PROPS)
    return item.partname.membername


def item_xml(slug: str, answers) -> bytes:
    """The part for a document's answers (a JSON object of strings, numbers, booleans, None,
    lists and objects, as the forms give them)."""
    text = json.dumps(answers, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # Escaped as XML text: no answer can end the element or start markup.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    head = f'{_HEAD}{DOCUMENT_ATTRIBUTE}="{_attribute(slug)}" {VERSION_ATTRIBUTE}="{VERSION}">'
    return head.encode() + _xml_safe(text) + _TAIL


def _xml_safe(text: str) -> bytes:
    """`text` as UTF-8, any character XML cannot carry written as a JSON \\u escape.

    json.dumps escapes the control characters itself; what is left (U+FFFE, U+FFFF, lone
    surrogates) can only be inside JSON strings, where the escape stands for it. The forms
    refuse them, so this is a guard, not a path answers take, and checked cheaply: encoding
    fails on a surrogate, and the other two are looked for directly.
    """
    if text.isascii():
        return text.encode("ascii")
    try:
        if "\ufffe" not in text and "\uffff" not in text:
            return text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    return XML_INVALID.sub(lambda found: f"\\u{ord(found.group()):04x}", text).encode("utf-8")


def _attribute(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
