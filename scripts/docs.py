"""Write docs/law.md from the law register it describes, so that it cannot drift from it:
`.venv/bin/python -m scripts.docs`. A test fails when it is out of date.
"""

import inspect
import sys
from pathlib import Path

from forms import deadlines, law

DOCS = Path(__file__).resolve().parent.parent / "docs"
CONFIDENCE = {
    "verified": "Verified: read in the statutory or official text.",
    "secondary": "Secondary: seen only through a reputable secondary source.",
    "unverified": "Unverified: not yet checked.",
}
DEADLINES = (
    deadlines.reply_by,
    deadlines.suggested_reviews,
    deadlines.subject_access_due,
    deadlines.request_received,
    deadlines.ehc_deadlines,
    deadlines.missed_deadline_action_by,
)


def law_register():
    lines = [
        "# The law register",
        "",
        "Every citation and time limit the documents print, what it says in our own words, "
        "where it comes from, how sure we are of it and when it was last checked. The register "
        "itself is `forms/law.py`; this page is made from it by `python -m scripts.docs`, and a "
        "test fails if the two differ. Documents may cite nothing that is not here.",
        "",
        f"The register was last checked on {_date(law.LAST_VERIFIED)}. It covers the law of "
        "England only. Documents name two sources by their usual short titles: the SEND "
        "Regulations 2014 are the Special Educational Needs and Disability Regulations 2014, and "
        "the UK GDPR is the United Kingdom General Data Protection Regulation.",
        "",
        *(f"- {text}" for text in CONFIDENCE.values()),
        "",
        "## Citations",
        "",
    ]
    for citation in law.CITATIONS.values():
        lines += [
            f"### {citation.short[0].upper()}{citation.short[1:]}",
            "",
            citation.summary,
            "",
            f"- Source: <{citation.source}>",
            f"- How sure: {citation.confidence}. {citation.checked}",
            f"- Last checked: {_date(citation.last_verified)}",
            f"- Key in the register: `{citation.key}`",
            "",
        ]
    lines += [
        "## Time limits",
        "",
        "| Time limit | What must be done | The law |",
        "| --- | --- | --- |",
    ]
    for limit in law.TIME_LIMITS.values():
        basis = law.cite(limit.citation) if limit.citation else limit.note
        lines.append(f"| {law.limit_text(limit.key)} | {limit.description} | {basis} |")
    lines += ["", "## Deadlines the documents work out", ""]
    for function in DEADLINES:
        summary = inspect.getdoc(function).split("\n\n")[0].replace("\n", " ")
        lines.append(f"- `{function.__name__}`: {summary}")
    return "\n".join(lines) + "\n"


def _date(day):
    return f"{day.day} {day:%B %Y}"


PAGES = {"law.md": law_register}


def main():
    DOCS.mkdir(exist_ok=True)
    for name, make in PAGES.items():
        (DOCS / name).write_text(make(), encoding="utf-8")
        sys.stdout.write(f"wrote docs/{name}\n")


if __name__ == "__main__":
    main()
