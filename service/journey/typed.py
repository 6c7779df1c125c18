"""What was typed on a step but not saved: kept with the draft across the redirect after a post.

A post that cannot be saved as the step's answers (it has errors, or it is Add another or
Remove) is kept, encrypted with the draft, as the names and values the browser sent. The
page after the redirect builds its form from them again, replaying the list action, so it
shows exactly what the post would have shown. Errors, and where focus goes after a list
action, are shown on that first page only ("fresh"); what was typed stays until the step is
saved, so Back, Refresh or a visit to another step loses none of it.
"""

from werkzeug.datastructures import MultiDict

from service import drafts

_NOT_ANSWERS = {"csrf_token", "action"}


def keep(draft, step_slug, posted, *, action=None, errors=False):
    """Keep a post to `step_slug` for the next page, in place of any kept before."""
    draft.pending = {
        "step": step_slug,
        "form": [
            [name, value] for name, value in posted.items(multi=True) if name not in _NOT_ANSWERS
        ],
        "action": action,
        "errors": errors,
        "fresh": True,
    }
    drafts.save(draft)


_TYPED = "__typed__"  # marks a step's prefill that is a post as typed, not answers


def as_typed(posted):
    """A post's names and values, as a draft's prefill for its step."""
    return {_TYPED: [[n, v] for n, v in posted.items(multi=True) if n not in _NOT_ANSWERS]}


def is_typed(prefill):
    return isinstance(prefill, dict) and isinstance(prefill.get(_TYPED), list)


def typed_form(prefill):
    """A typed prefill as `form_for` takes what `keep` kept: shown, not judged."""
    return {"form": prefill[_TYPED], "fresh": False}


def take(draft, step_slug):
    """What was kept for this step, or None. The first time it is taken it is fresh, and is
    then stored as seen, so its errors and focus are shown once."""
    kept = draft.pending
    if not isinstance(kept, dict) or kept.get("step") != step_slug:
        return None
    if kept.get("fresh"):
        draft.pending = {**kept, "fresh": False}
        drafts.save(draft)
    return kept


def forget(draft, step_slug):
    """The step is saved: what was kept for it is no longer needed (the caller saves)."""
    if isinstance(draft.pending, dict) and draft.pending.get("step") == step_slug:
        draft.pending = None


def form_for(step_class, kept, earlier):
    """The step's form as the kept post left it."""
    form = step_class(formdata=MultiDict(kept.get("form") or []), earlier=earlier)
    fresh = bool(kept.get("fresh"))
    if kept.get("action"):
        change = form.apply_list_action(kept["action"])
        if change is not None and fresh:
            change.show()
    if kept.get("errors") and fresh:
        form.validate()
    # The kept post's token is not kept; the page gets a new one.
    form.csrf_token.errors = []
    return form
