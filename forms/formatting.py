"""Small helpers every document's `build_context` uses to turn answers into letter text.

Each one lets a blank-mode `Prompt` through unchanged, so the same `build_context` serves
a filled-in letter and a printable template with bracketed prompts.
"""

import datetime

from service import law
from service.catalogue import Prompt, is_prompt
from service.fields import split_paragraphs


def long_date(value):
    """'2026-03-04' or a date -> '4 March 2026' (UK style, no leading zero).

    A Prompt passes through unchanged; None or an empty string gives an empty string.
    """
    if is_prompt(value):
        return value
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return f"{value.day} {value:%B %Y}"


def join_list(items, conjunction="and"):
    """['a', 'b', 'c'] -> 'a, b and c' (no Oxford comma, as in most UK writing)."""
    items = [item for item in items if item]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def paragraphs(value):
    """A multi-line answer as a list of paragraphs; a Prompt becomes a one-item list."""
    if is_prompt(value):
        return [value]
    if isinstance(value, str):
        return split_paragraphs(value)
    return []


def one_line(value):
    """A multi-line answer joined into one line, for a list item or a sentence."""
    if is_prompt(value):
        return value
    return " ".join(paragraphs(value))


def text(value, default=""):
    """A single-line answer, stripped, or `default` when it was not given."""
    if is_prompt(value):
        return value
    if isinstance(value, str) and value.strip():
        return value.strip()
    return default


def possessive(name):
    """'Amara' -> "Amara's". UK style keeps the extra s after a final s: "James's"."""
    return f"{name}'s"


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


def cites(key):
    """A citation from service.law as the start of a sentence: "Section 66 of ... says"."""
    short = law.cite(key)
    return f"{short[0].upper()}{short[1:]} says"
