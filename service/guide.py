"""'Which document do I need?': a few questions, one a page, then the document to use.

The questions and what each answer leads to are content, handed to the engine like the
catalogue (the `GUIDE` setting). A question's choices lead to another question or to a
recommendation naming a document. The answers travel in the query string of plain GET forms,
so every page has its own address, Back works and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# Query-string names the engine keeps for itself: the question a form was sent from, so that
# sending it with nothing chosen is an error, and the question to show again to change it.
ASKED = "asked"
CHANGE = "change"
_NAME = re.compile(r"[a-z][a-z0-9-]{0,39}")


@dataclass(frozen=True)
class Recommendation:
    document: str  # the slug of the document to use
    why: str  # why it is the right one, in a few plain sentences
    if_it_does_not_work: str = ""  # the next step, if the document does not put things right
    law: tuple[str, ...] = ()  # where the legal statements in the two come from, as cited


@dataclass(frozen=True)
class Choice:
    value: str  # what the query string carries
    label: str
    leads_to: Question | Recommendation
    hint: str = ""


@dataclass(frozen=True)
class Question:
    key: str  # the answer's name in the query string
    text: str  # the question, which is the page's heading
    error: str  # said when nothing, or something unknown, is chosen: "Select who you are"
    choices: tuple[Choice, ...]
    hint: str = ""

    def __post_init__(self):
        if not _NAME.fullmatch(self.key) or self.key in (ASKED, CHANGE):
            raise ValueError(f"{self.key!r} cannot name a question in the query string")
        values = [choice.value for choice in self.choices]
        if len(set(values)) != len(values) or not all(map(_NAME.fullmatch, values)):
            raise ValueError(f"{self.key}: choice values must be unique, short and plain")

    def choice(self, value):
        return next((choice for choice in self.choices if choice.value == value), None)


@dataclass(frozen=True)
class Step:
    """One step in the order a parent usually takes things, with the document for it."""

    text: str
    document: str = ""


@dataclass(frozen=True)
class Guide:
    first: Question
    escalation: tuple[Step, ...] = ()  # the order of escalation for parents, first step first

    def __post_init__(self):
        _check_keys(self.first, ())

    def recommendations(self):
        """Every recommendation some answers lead to, each with those answers."""
        return list(_paths(self.first, ()))

    def most_questions(self):
        """The most questions any answers go through."""
        return max(len(answered) for answered, _ in _paths(self.first, ()))

    def for_documents(self, slugs):
        """This guide for a catalogue holding only `slugs`: answers that would lead to a
        document it lacks are left out, and a question left with one answer is not asked.
        None if no answers lead anywhere."""
        first = _prune(self.first, frozenset(slugs))
        if first is None:
            return None
        if isinstance(first, Recommendation):  # one document: nothing to choose between
            return None
        escalation = tuple(
            step if not step.document or step.document in slugs else replace(step, document="")
            for step in self.escalation
        )
        return Guide(first, escalation)

    def walk(self, args):
        """Follow the answers in `args` (a query string) as far as they go."""
        node, answered = self.first, []
        while isinstance(node, Question):
            values = args.getlist(node.key)
            if not values:
                error = node.error if args.get(ASKED) == node.key else ""
                return Position(tuple(answered), node, error=error)
            choice = node.choice(values[0]) if len(set(values)) == 1 else None
            if choice is None:
                return Position(tuple(answered), node, error=node.error)
            if args.get(CHANGE) == node.key:
                return Position(tuple(answered), node, chosen=choice.value)
            answered.append((node, choice))
            node = choice.leads_to
        return Position(tuple(answered), recommendation=node)


@dataclass(frozen=True)
class Position:
    """Where some answers lead: the question to ask (again, with an error, or to change its
    answer), or the recommendation."""

    answered: tuple[tuple[Question, Choice], ...]
    question: Question | None = None
    recommendation: Recommendation | None = None
    error: str = ""
    chosen: str = ""  # the answer already given, when it is shown again to be changed
    query: dict = field(init=False)

    def __post_init__(self):
        answers = {question.key: choice.value for question, choice in self.answered}
        object.__setattr__(self, "query", answers)

    def query_to_change(self, key):
        """The query string that shows the question `key` again with its answer chosen: the
        answers up to and including it."""
        query = {}
        for question, choice in self.answered:
            query[question.key] = choice.value
            if question.key == key:
                return {**query, CHANGE: key}
        raise KeyError(key)


def _check_keys(question, above):
    # A key asked twice on one path would be ambiguous in the query string.
    if question.key in above:
        raise ValueError(f"{question.key!r} is asked twice on one path")
    for choice in question.choices:
        if isinstance(choice.leads_to, Question):
            _check_keys(choice.leads_to, (*above, question.key))


def _paths(node, answered):
    if isinstance(node, Recommendation):
        yield answered, node
        return
    for choice in node.choices:
        yield from _paths(choice.leads_to, (*answered, (node, choice)))


def _prune(node, slugs):
    if isinstance(node, Recommendation):
        return node if node.document in slugs else None
    choices = []
    for choice in node.choices:
        leads_to = _prune(choice.leads_to, slugs)
        if leads_to is not None:
            choices.append(replace(choice, leads_to=leads_to))
    if len(choices) == 1:
        return choices[0].leads_to
    return replace(node, choices=tuple(choices)) if choices else None
