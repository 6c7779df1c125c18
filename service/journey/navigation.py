"""Where a user may go in a journey, worked out from the answers alone.

One pass over a document's steps and the answers stored per step (`progress`) says which
steps apply, which is the first left to do, and the answers the document is made from.
A step applies when its `should_show` says so, given the answers to the steps before it. It
is complete when its answers are stored and still valid for those earlier answers: changing
an early answer can make a later question necessary, or a date given later wrong, and the
user is then taken back to that step instead of getting a document that is not right.

`check(step, stored, earlier)` gives a step's answers as its form cleans them, or None if
they are no longer valid; tests of navigation on tiny fake steps pass their own.
"""

from dataclasses import dataclass, field

from service.answers import checked_step_answers


@dataclass
class Progress:
    steps: list = field(default_factory=list)  # the steps that apply, in order
    first_missing: object = None  # the first of them left to do, or None when all are done
    answers: dict = field(default_factory=dict)  # the answers of the steps done: the document's
    earlier: dict = field(default_factory=dict)  # step slug -> the answers its form sees

    @property
    def complete(self):
        return self.first_missing is None


def progress(document, answers_by_step, check=checked_step_answers):
    result = Progress()
    for step in document.steps:
        if not step.should_show(result.answers):
            continue
        result.steps.append(step)
        result.earlier[step.slug] = dict(result.answers)
        stored = answers_by_step.get(step.slug)
        cleaned = None if stored is None else check(step, stored, result.earlier[step.slug])
        if cleaned is None:
            result.first_missing = result.first_missing or step
        else:
            result.answers.update(cleaned)
    return result


def can_visit(state, slug):
    """A step can be shown when it applies and every applicable step before it is done."""
    slugs = [step.slug for step in state.steps]
    if slug not in slugs:
        return False
    return state.first_missing is None or slugs.index(slug) <= slugs.index(state.first_missing.slug)


def next_step(state, slug):
    """The applicable step after `slug`, or None if it is the last one."""
    slugs = [step.slug for step in state.steps]
    if slug not in slugs:
        return state.first_missing
    index = slugs.index(slug)
    return state.steps[index + 1] if index + 1 < len(slugs) else None


def previous_step(state, slug):
    """The applicable step before `slug`, or None for the first one."""
    slugs = [step.slug for step in state.steps]
    if slug not in slugs:
        return None
    index = slugs.index(slug)
    return state.steps[index - 1] if index > 0 else None
