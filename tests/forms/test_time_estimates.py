"""Each document says how long it takes. The figure is worked out from its questions: here it
is held to a sane relation with how many it asks, so a change that made it absurd fails."""

import pytest

from forms import CATALOGUE


@pytest.mark.parametrize("document", CATALOGUE, ids=lambda document: document.slug)
def test_time_taken_is_in_proportion_to_the_questions(document):
    questions = len(document.question_names)
    # Between a quarter of a minute and three minutes a question, on average.
    assert questions / 4 <= document.minutes <= questions * 3
    assert document.time_text.startswith("about ")


def test_longer_documents_take_longer():
    by_time = sorted(CATALOGUE, key=lambda document: document.minutes)
    assert by_time[0].slug in ("records-request", "missed-deadline-letter")
    assert by_time[-1].slug == "sen-support-plan"
