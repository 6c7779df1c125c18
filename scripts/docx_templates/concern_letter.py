"""The parent's letter to school; forms/concern_letter.py writes its words."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "concern-letter.docx"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    letter.heading()
    letter.para("{{ heading }}", style="Heading 1")
    letter.para("{{ opening }}")

    letter.para("What I am worried about", style="Heading 2")
    letter.each("concern", "concerns", "List Bullet")
    letter.tag("if examples")
    letter.para("Some examples" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.each("example", "examples", "List Bullet")
    letter.tag("endif")
    letter.tag("if tried")
    letter.para("What has been tried so far" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.each("paragraph", "tried", "Normal")
    letter.tag("endif")
    letter.tag("if professionals")
    letter.para("Professionals involved" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ professionals_intro }}", keep_with_next=True)
    letter.each("professional", "professionals", "List Bullet")
    letter.tag("endif")

    letter.para("What I am asking for", style="Heading 2")
    # The law on diagnosis is one paragraph the reader takes in whole: never split by a page.
    letter.para("{{ no_diagnosis_needed }}").paragraph_format.keep_together = True
    letter.para("{{ asking }}{% if blank %} [Delete any you do not need.]{% endif %}")
    letter.tag("for request in requests")
    letter.para(("{{ request.lead }}",), " {{ request.text }}", style="List Number")
    letter.tag("endfor")
    letter.tag("if companion or questions")
    letter.para("The meeting" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.tag("if companion")
    letter.para("{{ companion }}")
    letter.tag("endif")
    letter.tag("if questions")
    letter.para("{{ questions_intro }}", keep_with_next=True)
    letter.each("question", "questions", "List Bullet")
    letter.tag("endif")
    letter.tag("endif")

    letter.para("{{ reply }}")
    letter.para("{{ closing }}", keep_with_next=True)
    letter.sign_off()
    letter.tag("if copy_to")
    letter.para("{{ copy_to }}", style="Copy To")
    letter.tag("endif")
    return letter.document
