"""'Which document do I need?' as written: every document is reached, each for the person
who said who they are, and every legal statement and time limit comes from the law register."""

import re

from forms import CATALOGUE, law
from forms.guide import GUIDE
from service.guide import Question

SLUGS = {document.slug: document for document in CATALOGUE}
# "Who are you?" answers, and the audience each is (service/catalogue.py AUDIENCES).
WHO = {"parent": "parent", "young-person": "young-person", "school": "school"}
TIME = re.compile(r"\b\d+(?:\s|-)(?:working days|school days|days|weeks|week|months|month)\b")


def texts():
    """Every sentence the guide shows."""

    def walk(node):
        if isinstance(node, Question):
            yield from (node.text, node.hint, node.error)
            for choice in node.choices:
                yield from (choice.label, choice.hint)
                yield from walk(choice.leads_to)
        else:
            yield from (node.why, node.if_it_does_not_work)

    yield from walk(GUIDE.first)
    yield from (step.text for step in GUIDE.escalation)


def test_every_document_is_where_some_answers_lead():
    reached = {recommendation.document for _, recommendation in GUIDE.recommendations()}
    assert reached == set(SLUGS)
    steps = {step.document for step in GUIDE.escalation if step.document}
    assert steps <= set(SLUGS)


def test_each_recommendation_is_a_document_for_the_person_asking():
    for answered, recommendation in GUIDE.recommendations():
        first, choice = answered[0]
        assert first.key == "who"
        assert WHO[choice.value] in SLUGS[recommendation.document].audience, recommendation


def test_a_parent_is_never_told_they_need_the_school_to_agree():
    for answered, recommendation in GUIDE.recommendations():
        if recommendation.document == "ehc-needs-assessment-request" and answered[0][1].value in (
            "parent",
            "young-person",
        ):
            assert "do not need" in recommendation.why
            assert law.cite("cfa-s36-1") in recommendation.law


def test_time_limits_are_the_law_registers():
    registered = {law.limit_text(key).removeprefix("within ") for key in law.TIME_LIMITS}
    registered.add(law.educational_record_limit_text().removeprefix("within "))
    found = [(time, sentence) for sentence in texts() for time in TIME.findall(sentence)]
    assert len(found) > 5  # the guide does quote time limits
    for time, sentence in found:
        assert time in registered, sentence


def test_every_source_named_is_in_the_law_register():
    citations = law.all_citation_texts()
    for _, recommendation in GUIDE.recommendations():
        for source in recommendation.law:
            assert any(source.startswith(citation) for citation in citations), source
    for sentence in texts():
        assert "section" not in sentence.lower() or any(c in sentence for c in citations)
