"""Text as people type it and as Word can hold it: one place for both rules."""

import re

# Characters XML 1.0 cannot hold. docxtpl drops them from the body without a word and fails on
# them in headers, so forms refuse them where the user can be told (fields.XmlSafe) and the
# rendering engine refuses them if anything gets past (rendering.compiled).
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def normalise_text(value):
    """Browsers send CRLF from text areas; documents want one kind of line break."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    return value


def split_paragraphs(text):
    """Non-empty lines of a multi-line answer, each a paragraph in the document."""
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
