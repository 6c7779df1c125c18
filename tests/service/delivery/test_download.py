"""File names: meaningful, safe on every system, and right for non-ASCII names (RFC 6266)."""

import pytest

from service.delivery.download import content_disposition, safe_filename


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


def test_ascii_names_are_plain():
    assert content_disposition("Letter.docx") == 'attachment; filename="Letter.docx"'


def test_non_ascii_names_have_a_fallback_and_utf8():
    header = content_disposition("Zoë Łukasz 李.docx")
    assert header.startswith('attachment; filename="Zoe ukasz.docx"; ')
    assert header.endswith("filename*=UTF-8''Zo%C3%AB%20%C5%81ukasz%20%E6%9D%8E.docx")


def test_names_with_no_ascii_at_all_still_have_a_fallback():
    assert content_disposition("李明.docx").startswith('attachment; filename="document.docx"')
