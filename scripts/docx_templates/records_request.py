"""The request for a pupil's school records; forms/records_request.py writes its words."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "records-request.docx"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    letter.heading()
    letter.para("{{ heading }}", style="Heading 1")
    letter.para("{{ opening }}")

    letter.para("What I am asking for", style="Heading 2")
    letter.tag("for request in requests")
    letter.para(("{{ request.lead }}",), " {{ request.text }}")
    letter.tag("endfor")
    letter.tag("if records or date_range")
    letter.para("The records I most need" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.tag("if records")
    letter.para("{{ records_intro }}", keep_with_next=True)
    letter.each("record", "records", "List Bullet")
    letter.tag("endif")
    letter.tag("if date_range")
    letter.para("{{ date_range }}")
    letter.tag("endif")
    letter.tag("endif")

    letter.tag("if timing")
    letter.para("When the school must reply", style="Heading 2")
    letter.each("paragraph", "timing", "Normal")
    letter.tag("endif")
    letter.para("Proof of identity", style="Heading 2")
    letter.para("{{ identity }}")
    letter.tag("if child_consent")
    letter.para("{{ child_consent.heading }}" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ child_consent.text }}")
    letter.tag("endif")

    letter.para("{{ contact }}", keep_with_next=True)
    letter.sign_off()

    letter.tag("if consent_note")
    letter.para("{{ consent_note.heading }}" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ consent_note.text }}", keep_with_next=True)
    # The date line shares the signature's paragraph, so the two never part at a page break.
    signature = letter.closing("{{ consent_note.signed }}", "{{ consent_note.name }}")
    space = signature.add_run()
    space.add_break()
    space.add_break()
    signature.add_run("{{ consent_note.date }}")
    letter.tag("endif")
    return letter.document
