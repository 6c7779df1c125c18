"""Error summary items that link to the right input, lists and date parts included.

govuk-frontend-wtf's own helper takes the first error of a list field to be a string, which
breaks for add-another lists, whose errors are nested one list per entry.
"""

from service.fields import DateField, GroupField, ListField


def error_summary_items(form):
    items = []
    for field in form:
        items += _items(field)
    return items


def _items(field):
    if isinstance(field, ListField):
        nested = [item for entry in field.entries for item in _items(entry)]
        if nested:
            return nested
        return [_item(message, f"{field.entries[0].id}") for message in _strings(field.errors)]
    if isinstance(field, GroupField):
        return [item for sub in field.form for item in _items(sub)]
    messages = _strings(field.errors)
    if not messages:
        return []
    # A date input's first box is `<name>-day`; link there so focus lands on an input.
    target = f"{field.id}-day" if isinstance(field, DateField) else field.id
    return [_item(messages[0], target)]


def _item(text, target):
    return {"text": text, "href": f"#{target}"}


def _strings(errors):
    return [error for error in errors or [] if isinstance(error, str)]
