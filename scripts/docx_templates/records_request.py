"""The request for a pupil's school records; forms/records_request.py builds its variables."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "records-request.docx"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    _records_request_heading(letter)
    _records_request_asks(letter)
    _records_request_timing(letter)
    _records_request_ending(letter)
    _records_request_consent_note(letter)
    return letter.document


def _records_request_heading(letter):
    letter.para("{{ sender_name }}", style="Sender Address")
    letter.each("line", "sender_address", "Sender Address")
    letter.tag("if sender_email")
    letter.para("{{ sender_email }}", style="Sender Address")
    letter.tag("endif")
    letter.tag("if sender_phone")
    letter.para("{{ sender_phone }}", style="Sender Address")
    letter.tag("endif")
    letter.para("{{ letter_date }}", style="Date")
    letter.each("line", "addressee", "Recipient Address")
    letter.para("{{ salutation }}", style="Salutation")
    letter.para("{{ heading }}", style="Heading 1")
    letter.para("{{ opening }}")


def _records_request_asks(letter):
    letter.para("What I am asking for", style="Heading 2")
    letter.tag("for request in requests")
    letter.para(("{{ request.lead }}",), " {{ request.text }}")
    letter.tag("endfor")

    letter.tag("if records or date_range")
    letter.para("The records I most need" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.tag("if records")
    letter.para("Please make sure you include:", keep_with_next=True)
    letter.each("record", "records", "List Bullet")
    letter.tag("endif")
    letter.tag("if date_range")
    letter.para("{{ date_range }}")
    letter.tag("endif")
    letter.tag("endif")


def _records_request_timing(letter):
    letter.tag("if timing")
    letter.para("When the school must reply", style="Heading 2")
    letter.each("paragraph", "timing", "Normal")
    letter.tag("endif")

    letter.para("Proof of identity", style="Heading 2")
    letter.para("{{ identity }}")

    letter.tag("if child_views")
    letter.para("{{ child }}'s views" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ child_views }}")
    letter.tag("endif")


def _records_request_ending(letter):
    letter.para("{{ contact }} Thank you for your help.", keep_with_next=True)
    letter.closing("{{ sign_off }}", "{{ sender_name }}")


def _records_request_consent_note(letter):
    letter.tag("if consent_note")
    letter.para("Note from {{ child }}" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ consent_note }}", keep_with_next=True)
    letter.closing("Signed", "{{ child_name }}")
    letter.tag("endif")
