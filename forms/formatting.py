"""Small helpers every document's `build_context` uses to turn answers into letter text.

Each one lets a blank-mode `Prompt` through unchanged, so the same `build_context` serves
a filled-in letter and a printable template with bracketed prompts.
"""

from forms import law
from service import dates
from service.catalogue import Prompt, is_prompt
from service.text import split_paragraphs


def long_date(value):
    """'2026-03-04' or a date -> '4 March 2026'; a Prompt as it is; nothing -> ''."""
    if is_prompt(value):
        return value
    return dates.long_date(value) if value else ""


def join_list(items, conjunction="and"):
    """['a', 'b', 'c'] -> 'a, b and c' (no Oxford comma, as in most UK writing)."""
    items = [item for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def paragraphs(value):
    """A multi-line answer as a list of paragraphs; a Prompt becomes a one-item list."""
    if is_prompt(value):
        return [value]
    return split_paragraphs(value) if isinstance(value, str) else []


def one_line(value):
    """A multi-line answer joined into one line, for a list item or a sentence."""
    return value if is_prompt(value) else " ".join(paragraphs(value))


def text(value, default=""):
    """A single-line answer, stripped, or `default` when it was not given."""
    if is_prompt(value):
        return value
    if isinstance(value, str) and value.strip():
        return value.strip()
    return default


def capital(phrase):
    return f"{phrase[0].upper()}{phrase[1:]}"


def possessive(name):
    """'Amara' -> "Amara's". UK style keeps the extra s after a final s: "James's"."""
    return f"{name}'s"


def child_names(answers, *, full_default=""):
    """(full name, name to use after it). A letter gives the full name once, then the name
    the child is known by; with none given, their first name, not the full name over and
    over (a plan once printed it twenty times)."""
    full = text(answers.get("child_name"), default=full_default)
    known_as = text(answers.get("child_known_as"))
    if known_as or is_prompt(full):
        return full, known_as or full
    return full, full.split()[0] if full else full


def year_group_text(value):
    """'4' -> 'Year 4'; anything else as it was written."""
    value = text(value)
    if not is_prompt(value) and value.isdigit():
        return f"Year {value}"
    return value


def prompt(text_):
    """A bracketed prompt for text that only the reader of a blank template can fill in."""
    return Prompt(f"[{text_}]")


def is_blank(answers):
    """Whether these are blank-mode answers (any answer is a Prompt)."""
    return any(_has_prompt(value) for value in answers.values())


def _has_prompt(value):
    if is_prompt(value):
        return True
    if isinstance(value, list):
        return any(_has_prompt(item) for item in value)
    if isinstance(value, dict):
        return any(_has_prompt(item) for item in value.values())
    return False


def cites(key):
    """A citation from the law register as the start of a sentence: "Section 66 of ... says"."""
    return f"{capital(law.cite(key))} says"


# --- Letters -------------------------------------------------------------------------------


def contact_ways(email, phone):
    """['by email at ...', 'by phone on ...'] for the ways the sender gave."""
    ways = []
    if email:
        ways.append(f"by email at {email}")
    if phone:
        ways.append(f"by phone on {phone}")
    return ways


def contact_sentence(email, phone, who="me"):
    """How to reach the sender, as the closing sentence of a letter."""
    ways = contact_ways(email, phone)
    if not ways:
        return f"You can write to {who} at the address above."
    return f"You can contact {who} {join_list(ways, 'or')}."


TITLES = frozenset(
    ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lady", "lord",
     "rev", "revd", "reverend")
)  # fmt: skip
# Lowercase words that start a surname: "Mrs Anna van der Berg" -> "Mrs van der Berg".
_SURNAME_PARTICLES = frozenset(
    ("van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ten", "ter",
     "bin", "al")
)  # fmt: skip


def greeting_name(name):
    """How a letter greets a named person: "Mrs Helen Ward" -> "Mrs Ward", as UK letters
    do; a name without a title is used as it was written ("Helen Ward")."""
    if is_prompt(name):
        return name
    words = name.split()
    if len(words) < 3 or words[0].lower().rstrip(".") not in TITLES:
        return name
    rest = words[1:]
    start = next(
        (i for i, word in enumerate(rest) if i and word in _SURNAME_PARTICLES), len(rest) - 1
    )
    return " ".join([words[0], *rest[start:]])


def addressed(name, role, organisation, *, the=True):
    """(addressee lines, salutation, sign-off) for a letter to a named person, or to whoever
    holds a role ("The SENCO", or "SEN Team" with the=False)."""
    if name:
        return [name, role, *organisation], f"Dear {greeting_name(name)}", "Yours sincerely"
    return [f"The {role}" if the else role, *organisation], f"Dear {role}", "Yours faithfully"


def writer_lines(answers, name=None):
    """The sender's block: name, address lines, email and phone, those given."""
    name = name if name is not None else text(answers.get("writer_name"))
    lines = [name, *paragraphs(answers.get("writer_address"))]
    lines += [text(answers.get(key)) for key in ("writer_email", "writer_phone")]
    return [line for line in lines if line]


def file_name(pattern, *, dated=None, **defaults):
    """A document's file name, as a function of its answers: `pattern` names answers, each
    with the words to use when it was not given, and {date}: the answer `dated` names, or
    today. For example: file_name("Letter about {child_name}, {date}", child_name="a child")."""

    def name(answers):
        given = {key: text(answers.get(key), default=default) for key, default in defaults.items()}
        return pattern.format(**given, date=long_date(answers.get(dated) or dates.today()))

    return name


def letter(*, sender, date, to, signer):
    """The variables every letter's heading and sign-off share: `to` is what `addressed`
    gives. The template builders lay them out once for every letter."""
    addressee, salutation, sign_off = to
    return {
        "sender_lines": sender,
        "letter_date": date,
        "addressee": addressee,
        "salutation": salutation,
        "sign_off": sign_off,
        "signer": signer,
    }
