"""File names: meaningful, safe on every system, and right for non-ASCII names (RFC 6266)."""

import pytest

from service.delivery.download import docx_response, safe_filename


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Letter about Amara to Elm School, 4 March 2026",
            "Letter about Amara to Elm School, 4 March 2026.docx",
        ),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j.docx"),
        ("  ..hidden.. ", "hidden.docx"),
        ("", "document.docx"),
        ("x" * 300, "x" * 120 + ".docx"),
        ("Tab\tand\nnewline\x00", "Tab and newline.docx"),
        ("Already.docx", "Already.docx"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def disposition(app, name):
    with app.test_request_context():
        return docx_response(b"PK", name).headers["Content-Disposition"]


def test_ascii_names_are_plain(app):
    assert disposition(app, "Letter") == "attachment; filename=Letter.docx"


def test_non_ascii_names_have_a_fallback_and_utf8(app):
    header = disposition(app, "Letter about Zoë Łukasz 李")
    assert 'filename="Letter about Zoe ukasz .docx"' in header
    assert header.endswith(
        "filename*=UTF-8''Letter%20about%20Zo%C3%AB%20%C5%81ukasz%20%E6%9D%8E.docx"
    )


def test_downloads_are_never_cached(app):
    with app.test_request_context():
        response = docx_response(b"PK", "Letter")
    assert response.headers["Cache-Control"] == "no-store"
    assert "ETag" not in response.headers
    assert "Last-Modified" not in response.headers
