"""The letter to the council about a missed EHC time limit; forms/missed_deadline_letter.py
builds its variables."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "missed-deadline-letter.docx"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    _heading(letter)
    _what_happened(letter)
    _reasons(letter)
    _asks(letter)
    _ending(letter)
    return letter.document


def _heading(letter):
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
    letter.para("{{ subject }} (date of birth {{ child_dob }})", style="Heading 1")
    letter.tag("if reference")
    letter.para(("{{ reference }}",))
    letter.tag("endif")
    letter.para("{{ intro }}")


def _what_happened(letter):
    letter.para("The request", style="Heading 2")
    letter.para("{{ request }}")
    letter.para("The time limit", style="Heading 2")
    letter.tag("if blank")
    letter.para("[Keep the paragraph for the time limit that has passed and delete the others.]")
    letter.tag("endif")
    letter.each("paragraph", "time_limits", "Normal")


def _reasons(letter):
    letter.para("Reasons for the delay", style="Heading 2")
    letter.tag("if reason_given")
    letter.para("You have given this reason for the delay:" + DELETE_IF_NOT_NEEDED)
    letter.each("paragraph", "reason_given", "List Bullet")
    letter.tag("endif")
    letter.tag("if no_reason")
    letter.para("{{ no_reason }}" + DELETE_IF_NOT_NEEDED)
    letter.tag("endif")
    letter.para("{{ exception_rule }}", keep_with_next=True)
    letter.each("exception", "exceptions", "List Bullet")
    letter.para("{{ as_soon_as_practicable }}")

    letter.tag("if impact")
    letter.para("The effect of the delay" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.each("paragraph", "impact", "Normal")
    letter.tag("endif")


def _asks(letter):
    letter.para("What I am asking you to do", style="Heading 2")
    letter.para(
        "Please do the following {{ action_days }} of the date of this letter, by {{ action_by }}:",
        keep_with_next=True,
    )
    letter.tag("if blank")
    letter.para("[Keep what applies to the time limit that has passed and delete the rest.]")
    letter.tag("endif")
    letter.each("ask", "asks", "List Number")
    letter.para(
        "If I have not heard from you by {{ action_by }}, I will make a formal complaint under "
        "the council's complaints procedure. If that does not put things right, I may then "
        "complain to the Local Government and Social Care Ombudsman."
    )


def _ending(letter):
    letter.para("{{ contact }}", keep_with_next=True)
    letter.closing("{{ sign_off }}", "{{ sender_name }}")
    letter.para("Copy to: {{ copy_to }}", style="Copy To")
