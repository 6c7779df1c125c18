"""Answers as flat values, the other way from `service.answers.flat_answers`: each answer
as a register's cell writes it (README: answers as flat values). Used to make a register
from answers, for examples, tests and the benchmark."""

from service.fields import ListField


def flat_values(document, answers):
    """{column heading: cell} for `document`'s answers: a list's items as `name.N`, or
    `name.N.part` for groups; several choices joined by ';'; yes or no; no cell for no
    answer."""
    lists = {
        name for name, field in document.question_fields.items() if isinstance(field, ListField)
    }
    flat = {}
    for name, value in answers.items():
        if name not in lists or not value:
            _put(flat, name, value)
            continue
        for number, item in enumerate(value, start=1):
            if isinstance(item, dict):
                for part, cell in item.items():
                    _put(flat, f"{name}.{number}.{part}", cell)
            else:
                _put(flat, f"{name}.{number}", item)
    return flat


def _put(flat, key, value):
    if value is None or value in ("", []):
        return
    if isinstance(value, bool):
        flat[key] = "yes" if value else "no"
    elif isinstance(value, list):
        flat[key] = "; ".join(str(item) for item in value)
    else:
        flat[key] = str(value)
