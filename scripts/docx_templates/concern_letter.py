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
    letter.each("paragraph", "tried", "List Bullet")
    letter.tag("endif")
    letter.tag("if professionals")
    letter.para("Professionals involved" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.para("{{ professionals_intro }}", keep_with_next=True)
    letter.each("professional", "professionals", "List Bullet")
    letter.tag("endif")

    letter.para("What I am asking for", style="Heading 2")
    # Sections 20 and 66, only when the letter asks for help: not for records alone.
    letter.tag("if no_diagnosis_needed")
    # The law on diagnosis is one paragraph the reader takes in whole: never split by a page.
    letter.para("{{ no_diagnosis_needed }}").paragraph_format.keep_together = True
    letter.tag("endif")
    letter.tag("if asking")
    letter.para("{{ asking }}{% if blank %} [Delete any you do not need.]{% endif %}")
    letter.tag("endif")
    # Every request but the last two, then the last two: their own paragraphs, so that only
    # the paragraphs just before the sign-off are kept with it. Kept together, five requests
    # run to most of a page, and LibreOffice then keeps none of them, or leaves half a page
    # blank. So the last two come twice: before the meeting block, not kept with the end,
    # and, where there is no meeting block, kept with it.
    letter.tag("for request in requests[:-2]")
    loose = [_request(letter, "request")]
    letter.tag("endfor")
    letter.tag("if companion or questions")
    loose += _last_two_requests(letter)
    letter.para("The meeting" + DELETE_IF_NOT_NEEDED, style="Heading 2")
    letter.tag("if companion")
    letter.para("{{ companion }}")
    letter.tag("endif")
    letter.tag("if questions")
    letter.para("{{ questions_intro }}", keep_with_next=True)
    letter.each("question", "questions", "List Bullet")
    letter.tag("endif")
    letter.tag("else")
    _last_two_requests(letter)
    letter.tag("endif")

    _ending(letter)
    # The sign-off's keep cannot tell which paths through the template are possible: it also
    # keeps the requests that a meeting block follows, and the loop's, with the end. Not so.
    for paragraph in loose:
        paragraph.paragraph_format.keep_with_next = None
        paragraph.paragraph_format.keep_together = None
    letter.tag("if copy_to")
    letter.para("{{ copy_to }}", style="Copy To")
    letter.tag("endif")
    return letter.document


def _request(letter, request):
    """One numbered request: its bold lead, then its text."""
    return letter.para(
        (f"{{{{ {request}.lead }}}}",), f" {{{{ {request}.text }}}}", style="List Number"
    )


def _last_two_requests(letter):
    """The request before the last and the last, each if there is one (the journey asks for
    at least one, but a template must render whatever it is given)."""
    letter.tag("if requests|length > 1")
    before_last = _request(letter, "requests[-2]")
    letter.tag("endif")
    letter.tag("if requests")
    last = _request(letter, "requests[-1]")
    letter.tag("endif")
    return [before_last, last]


def _ending(letter):
    """The request for a reply, the thank-you and the sign-off, as one paragraph kept whole,
    so that a last page always holds the request for a reply as well as the signature."""
    return letter.closing("{{ sign_off }}", "{{ signer }}", lead=("{{ reply }}", "{{ closing }}"))
