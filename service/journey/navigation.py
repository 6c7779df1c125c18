"""Where a user may go in a journey, worked out from the answers alone.

Pure functions over a document's steps and the answers stored per step, so they can be
tested with tiny fake steps. A step is complete when its answers are stored; it applies
when its `should_show` says so, given the answers to the steps before it.
"""

from service.answers import answers_before, visible_steps


def applicable(document, answers_by_step):
    return visible_steps(document, answers_by_step)[0]


def effective_answers(document, answers_by_step):
    """The answers of the steps that apply: what the document and check page use."""
    return visible_steps(document, answers_by_step)[1]


def earlier_answers(document, answers_by_step, slug):
    """The answers a step's form sees: those of the applicable steps before it."""
    return answers_before(document, answers_by_step, slug)


def first_missing(document, answers_by_step):
    """The first applicable step without answers, or None when the journey is complete."""
    for step in applicable(document, answers_by_step):
        if step.slug not in answers_by_step:
            return step
    return None


def is_complete(document, answers_by_step):
    return first_missing(document, answers_by_step) is None


def can_visit(document, answers_by_step, slug):
    """A step can be shown when it applies and every applicable step before it is complete."""
    for step in applicable(document, answers_by_step):
        if step.slug == slug:
            return True
        if step.slug not in answers_by_step:
            return False
    return False


def next_step(document, answers_by_step, slug):
    """The applicable step after `slug`, or None if it is the last one."""
    steps = applicable(document, answers_by_step)
    slugs = [step.slug for step in steps]
    if slug not in slugs:
        return first_missing(document, answers_by_step)
    index = slugs.index(slug)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(document, answers_by_step, slug):
    """The applicable step before `slug`, or None for the first one."""
    steps = applicable(document, answers_by_step)
    slugs = [step.slug for step in steps]
    if slug not in slugs:
        return None
    index = slugs.index(slug)
    return steps[index - 1] if index > 0 else None
