"""The 'Which document do I need?' engine: following answers from a query string, checking a
guide when it is declared, and cutting it to the documents a copy of the service offers."""

import pytest
from werkzeug.datastructures import MultiDict

from service.guide import Choice, Guide, Question, Recommendation, Step

LETTER = Recommendation("letter", why="Write first.")
COMPLAINT = Recommendation("complaint", why="Then complain.")
PLAN = Recommendation("plan", why="Plan the support.")

SO_FAR = Question(
    "so-far",
    "What have you done so far?",
    "Select what you have done so far",
    (Choice("nothing", "Nothing yet", LETTER), Choice("written", "I have written", COMPLAINT)),
)
GUIDE = Guide(
    Question(
        "who",
        "Who are you?",
        "Select who you are",
        (Choice("parent", "A parent", SO_FAR), Choice("school", "A school", PLAN, hint="Staff")),
    ),
    escalation=(Step("Talk to the teacher."), Step("Write to the school.", "letter")),
)


def walk(guide=GUIDE, **args):
    return guide.walk(MultiDict(args))


def test_no_answers_ask_the_first_question_without_an_error():
    position = walk()
    assert position.question.key == "who"
    assert (position.answered, position.error, position.recommendation) == ((), "", None)


def test_answers_lead_through_the_questions_to_a_recommendation():
    assert walk(who="parent").question is SO_FAR
    position = walk(who="parent", **{"so-far": "written"})
    assert position.recommendation is COMPLAINT
    assert position.query == {"who": "parent", "so-far": "written"}
    assert walk(who="school").recommendation is PLAN


def test_a_question_sent_with_nothing_chosen_is_an_error():
    position = walk(who="parent", asked="so-far")
    assert (position.question, position.error) == (SO_FAR, "Select what you have done so far")
    # The form of another question was sent: this one is only being asked.
    assert walk(who="parent", asked="who").error == ""


@pytest.mark.parametrize(
    "args",
    [
        {"who": "alien"},
        {"who": ""},
        {"who": "PARENT"},
        {"who": "parent", "so-far": "<script>"},
        {"who": ["parent", "school"]},
    ],
)
def test_an_unknown_or_doubled_answer_asks_its_question_again_with_the_error(args):
    position = GUIDE.walk(MultiDict(args))
    assert position.recommendation is None
    assert position.error
    assert position.question.error == position.error


def test_the_same_answer_twice_is_one_answer():
    assert walk(who=["school", "school"]).recommendation is PLAN


def test_answers_after_a_question_still_to_answer_are_not_used():
    assert walk(**{"so-far": "written"}).question.key == "who"


def test_an_answer_can_be_shown_again_to_change_it():
    position = walk(who="parent", **{"so-far": "written", "change": "who"})
    assert (position.question.key, position.chosen, position.answered) == ("who", "parent", ())

    done = walk(who="parent", **{"so-far": "written"})
    assert done.query_to_change("who") == {"who": "parent", "change": "who"}
    assert done.query_to_change("so-far") == {
        "who": "parent",
        "so-far": "written",
        "change": "so-far",
    }
    with pytest.raises(KeyError):
        done.query_to_change("never-asked")


def test_recommendations_and_the_longest_path():
    paths = [
        ([question.key + "=" + choice.value for question, choice in answered], recommendation)
        for answered, recommendation in GUIDE.recommendations()
    ]
    assert paths == [
        (["who=parent", "so-far=nothing"], LETTER),
        (["who=parent", "so-far=written"], COMPLAINT),
        (["who=school"], PLAN),
    ]
    assert GUIDE.most_questions() == 2


def test_cut_to_the_documents_offered():
    without_complaint = GUIDE.for_documents({"letter", "plan"})
    # The question left with one answer is not asked: a parent goes straight to the letter.
    assert [choice.leads_to for choice in without_complaint.first.choices] == [LETTER, PLAN]

    without_letter = GUIDE.for_documents({"complaint", "plan"})
    assert without_letter.escalation == (
        Step("Talk to the teacher."),
        Step("Write to the school."),  # kept, without its link
    )
    assert without_letter.walk(MultiDict({"who": "parent"})).recommendation is COMPLAINT

    # Nothing to choose between: one document, or none.
    assert GUIDE.for_documents({"plan"}) is None
    assert GUIDE.for_documents(set()) is None
    assert GUIDE.for_documents({"letter", "complaint", "plan"}) == GUIDE


def test_a_guide_checks_its_names_when_declared():
    def question(key, *choices):
        return Question(key, "Q?", "Select", tuple(choices) or (Choice("a", "A", PLAN),))

    for reserved in ("asked", "change"):
        with pytest.raises(ValueError, match="cannot name a question"):
            question(reserved)
    with pytest.raises(ValueError, match="cannot name a question"):
        question("Who Are You")
    with pytest.raises(ValueError, match="choice values must be unique"):
        question("who", Choice("a", "A", PLAN), Choice("a", "Again", LETTER))
    with pytest.raises(ValueError, match="choice values must be unique"):
        question("who", Choice("a b", "A", PLAN))
    with pytest.raises(ValueError, match="asked twice on one path"):
        Guide(question("who", Choice("again", "Again", question("who")), Choice("b", "B", PLAN)))
