"""The parent's letter to school; forms/concern_letter.py builds its variables."""

from scripts.docx_templates.styles import DELETE_IF_NOT_NEEDED, Letter, letter_document

NAME = "concern-letter.docx"


def build():
    """The whole letter, as a python-docx Document."""
    letter = Letter(letter_document())
    _concern_letter_heading(letter)
    _concern_letter_worries(letter)
    _concern_letter_requests(letter)
    _concern_letter_ending(letter)
    return letter.document


def _concern_letter_heading(letter):
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
    letter.para(
        "Concerns about {{ child_name }}, {{ year_group }} (date of birth {{ child_dob }})",
        style="Heading 1",
    )
    letter.para(
        "I am {{ child }}'s {{ relationship }}. I am writing because I am worried about how "
        "{{ child }} is getting on at school, and I think {{ child }} may have special "
        "educational needs (SEN). I would like us to work together to agree how the school "
        "can help."
    )


def _concern_letter_worries(letter):
    letter.para("What I am worried about", style="Heading 2")
    letter.each("concern", "concerns", "List Bullet")
    letter.tag("if examples")
    letter.para("Some examples:" + DELETE_IF_NOT_NEEDED, keep_with_next=True)
    letter.each("example", "examples", "List Bullet")
    letter.tag("endif")

    letter.tag("if tried")
    letter.para("What has been tried so far" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.each("paragraph", "tried", "Normal")
    letter.tag("endif")

    letter.tag("if professionals")
    letter.para("Professionals involved" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ child }} has seen, or is waiting to see:", keep_with_next=True)
    letter.each("professional", "professionals", "List Bullet")
    letter.para("{{ no_diagnosis_needed }}")
    letter.tag("endif")


def _concern_letter_requests(letter):
    letter.para("What I am asking for", style="Heading 2")
    letter.para(
        "{{ best_endeavours }} With this in mind, I am asking for the following."
        "{% if blank %} [Delete any you do not need.]{% endif %}"
    )
    letter.tag("for request in requests")
    letter.para(("{{ request.lead }}",), " {{ request.text }}", style="List Number")
    letter.tag("endfor")

    letter.tag("if companion or questions")
    letter.para("The meeting" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.tag("if companion")
    letter.para("I would like to bring someone with me: {{ companion }}.")
    letter.tag("endif")
    letter.tag("if questions")
    letter.para("I would like to talk about these questions:", keep_with_next=True)
    letter.each("question", "questions", "List Bullet")
    letter.tag("endif")
    letter.tag("endif")


def _concern_letter_ending(letter):
    letter.para("I would be grateful for a reply by {{ reply_by }}. {{ contact }}")
    letter.para(
        "I hope we can work together so that {{ child }} gets the right help. "
        "Thank you for your time.",
        keep_with_next=True,
    )
    letter.closing("{{ sign_off }}", "{{ sender_name }}")
    letter.tag("if copy_to")
    letter.para("Copy to: {{ copy_to }}", style="Copy To")
    letter.tag("endif")
