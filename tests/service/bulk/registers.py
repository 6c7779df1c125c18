"""Registers for tests: a plan's example answers as a register's rows, invented pupils."""

import csv
import io

from service.bulk.flat import flat_values

PUPILS = [
    ("Joshua Adeyemi", "2016-11-03", "Year 5", "K938201224017"),
    ("Amira Haddad", "2017-02-14", "Year 4", "A123456789012"),
    ("Seán O'Neill", "2015-06-30", "Year 6", "B123456789013"),
]


def plan_rows(document, pupils=PUPILS, **changes):
    """Flat rows of the plan's example, one for each pupil: name, birth, year and UPN theirs."""
    base = flat_values(document, document.example)
    rows = []
    for name, born, year, upn in pupils:
        rows.append({**base, "child_name": name, "child_known_as": name.split()[0],
                     "child_dob": born, "year_group": year, "upn": upn, **changes})  # fmt: skip
    return rows


def as_csv(rows, headings=None):
    headings = headings or list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row.get(heading, "") for heading in headings])
    return out.getvalue().encode()
