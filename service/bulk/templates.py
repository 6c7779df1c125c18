"""Register templates to download: a CSV and an Excel workbook whose column headings are the
document's field names, so a school can paste its register in and fill the rest.

In the CSV, each list has numbered columns (`outcomes.1.target`); in the workbook, a list of
groups (outcomes, provision) has a sheet of its own, one item a row, keyed by UPN, and a
sheet says how to write each column.
"""

from service.bulk.sources import KEY
from service.bulk.spreadsheet_out import csv_bytes, xlsx_bytes
from service.fields import GroupField, ListField

CSV_ITEMS = 3  # numbered columns for each list in the CSV; more can be added the same way
HOW_TO = "How to fill this in"

_HOW = {
    "date": "A date, like 2015-03-27 or 27/03/2015",
    "boolean": "yes or no",
    "number": "A whole number",
    "money": "An amount in pounds, like 380.00",
    "long-text": "Text; start a new line in the cell for a new paragraph",
}


def _how(description):
    kind = description["type"]
    if kind == "choice":
        return "One of: " + "; ".join(c["value"] for c in description["choices"])
    if kind == "multi-choice":
        values = "; ".join(c["value"] for c in description["choices"])
        return f"One or more of: {values} (separate them with ;)"
    return _HOW.get(kind, "Text")


def _group_parts(document, field):
    parts = [(d["name"], d) for d in field.prototype.describe_fields()]
    extras = document.bulk_extras.get(field.short_name, ())
    return parts + [(name, None) for name in extras]


def _by_sheet(document):
    """Whether lists of groups go on sheets of their own: only when pupils have a UPN."""
    return KEY in document.question_names


def template_csv(document):
    headings = []
    for field in document.question_fields.values():
        name = field.short_name
        if not isinstance(field, ListField):
            headings.append(name)
        elif isinstance(field.prototype, GroupField):
            headings += [
                f"{name}.{number}.{part}"
                for number in range(1, CSV_ITEMS + 1)
                for part, _ in _group_parts(document, field)
            ]
        else:
            headings += [f"{name}.{number}" for number in range(1, CSV_ITEMS + 1)]
    return csv_bytes([headings])


def template_xlsx(document):
    by_sheet = _by_sheet(document)
    pupils, sheets = [], []
    guide = [["Column", "Sheet", "Question", "How to write it"]]
    for field in document.question_fields.values():
        description, name = field.describe(), field.short_name
        if isinstance(field, ListField) and isinstance(field.prototype, GroupField):
            parts = _group_parts(document, field)
            if by_sheet:
                sheets.append((name, [[KEY, *(part for part, _ in parts)]]))
            else:
                pupils += [f"{name}.1.{part}" for part, _ in parts]
            for part, about in parts:
                column = part if by_sheet else f"{name}.1.{part}"
                how = _how(about) if about else _extra_how(part)
                label = f"{description['label']}: {about['label'] if about else part}"
                guide.append([column, name if by_sheet else "Pupils", label, how])
            continue
        if isinstance(field, ListField):
            pupils += [f"{name}.1", f"{name}.2"]
            guide.append([f"{name}.1, {name}.2, ...", "Pupils", description["label"], "Text"])
            continue
        pupils.append(name)
        guide.append([name, "Pupils", description["label"], _how(description)])
    guide.append(["", "", "An empty cell means no answer.", ""])
    return xlsx_bytes([("Pupils", [pupils]), *sheets, (HOW_TO, guide)])


_EXTRA_HOW = {
    "minutes": "Minutes in one session, a whole number like 20",
    "sessions_a_week": "Sessions a week, like 3 (0.5 for once a fortnight)",
    "weeks": "Weeks the help runs for, a whole number like 12",
    "hourly_cost": "Cost of the staff member per hour, in pounds, like 14.50",
}


def _extra_how(part):
    return _EXTRA_HOW.get(part, "Text")
