"""The letter to the council about a missed EHC time limit; forms/missed_deadline_letter.py
writes its words."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "missed-deadline-letter.docx"
KEEP_WHAT_APPLIES = (
    "{% if blank %} [Keep what applies at the stage the council has reached and delete the "
    "rest.]{% endif %}"
)
DELETE_IF_COMPLAINT = "{% if blank %} [delete if this letter is a formal complaint]{% endif %}"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    letter.heading()
    letter.para("{{ heading }}", style="Heading 1")
    letter.tag("if reference")
    letter.para(("{{ reference }}",))
    letter.tag("endif")
    letter.para("{{ intro }}")
    letter.tag("if formal_complaint")
    letter.para("{{ formal_complaint }}" + DELETE_IF_NOT_NEEDED)
    letter.tag("endif")

    letter.para("The request", style="Heading 2")
    letter.para("{{ request }}")
    letter.para("The time limits" + KEEP_WHAT_APPLIES, style="Heading 2")
    letter.each("paragraph", "time_limits", "Normal")

    letter.para("Reasons for the delay", style="Heading 2")
    letter.tag("if reason_given")
    letter.para("{{ reason_intro }}" + DELETE_IF_NOT_NEEDED, keep_with_next=True)
    letter.each("paragraph", "reason_given", "List Bullet")
    letter.tag("endif")
    letter.tag("if no_reason")
    letter.para("{{ no_reason }}" + DELETE_IF_NOT_NEEDED)
    letter.tag("endif")
    letter.para("{{ exception_rule }}", keep_with_next=True)
    letter.each("exception", "exceptions", "List Bullet")
    letter.para("{{ as_soon_as_practicable }}")
    letter.tag("if advice")
    letter.para("{{ advice }}" + DELETE_IF_NOT_NEEDED)
    letter.tag("endif")
    letter.tag("if impact")
    letter.para("The effect of the delay" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.each("paragraph", "impact", "Normal")
    letter.tag("endif")

    letter.para("What I am asking you to do", style="Heading 2")
    letter.para("{{ asks_intro }}" + KEEP_WHAT_APPLIES, keep_with_next=True)
    letter.each("ask", "asks", "List Number")
    letter.tag("if complaint")
    letter.para("{{ complaint }}" + DELETE_IF_COMPLAINT)
    letter.tag("endif")
    letter.para("{{ ombudsman }}")
    letter.para("{{ contact }}", keep_with_next=True)
    letter.sign_off()
    letter.para("{{ copy_to }}", style="Copy To")
    return letter.document
