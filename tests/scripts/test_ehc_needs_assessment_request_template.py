"""The EHC request's Word template as scripts/docx_templates builds it: Part 1 of the legal
test is a loop over the areas of need the context gives, each under its own heading."""

from scripts.docx_templates.ehc_needs_assessment_request import build


def part_1():
    """(text, style) of the template's paragraphs from Part 1's heading to Part 2's."""
    paragraphs = [(p.text, p.style.name) for p in build().paragraphs]
    start = paragraphs.index(("{{ sen_heading }}", "Heading 2"))
    end = paragraphs.index(("2. An EHC plan may be necessary", "Heading 2"))
    return paragraphs[start + 1 : end]


def test_each_area_is_headed_inside_the_loop_over_the_areas_answered():
    heading = "{{ area.heading }}{% if blank %} [delete if not needed]{% endif %}"
    assert part_1() == [
        ("{{ sen_intro }}", "Normal"),
        ("{%p for area in sen_areas %}", "Normal"),
        (heading, "Heading 3"),
        ("{%p for paragraph in area.paragraphs %}", "Normal"),
        ("{{ paragraph }}", "Normal"),
        ("{%p endfor %}", "Normal"),
        ("{%p endfor %}", "Normal"),
    ]


def test_an_area_heading_keeps_with_the_text_it_heads():
    document = build()
    assert document.styles["Heading 3"].paragraph_format.keep_with_next
