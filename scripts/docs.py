"""Write docs/law.md and docs/glossary.md from the code they describe, so that they cannot
drift from it: `.venv/bin/python -m scripts.docs`. A test fails when either is out of date.
"""

import inspect
import secrets
import sys
from pathlib import Path

from flask import Flask

from forms import CATALOGUE, deadlines, law
from forms.vocabulary import GLOSSARY

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
        "England only.",
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


def glossary():
    used_by = _names_by_document()
    lines = [
        "# Glossary of field names",
        "",
        "A fact that more than one document asks has one field name in every document, in the "
        "web journey, the API, the examples and spreadsheets alike. Labels may differ from one "
        "document to another; names do not. The list is `GLOSSARY` in `forms/vocabulary.py`; "
        "this page is made from it by `python -m scripts.docs`. A test fails if two documents "
        "name one fact differently, or if a document uses a name this list has replaced.",
        "",
        "| Name | Meaning | Used by | Replaces |",
        "| --- | --- | --- | --- |",
    ]
    for concept in GLOSSARY:
        documents = ", ".join(f"`{slug}`" for slug in used_by.get(concept.name, [])) or "none yet"
        replaced = ", ".join(f"`{name}`" for name in concept.replaces)
        lines.append(f"| `{concept.name}` | {concept.meaning} | {documents} | {replaced} |")
    return "\n".join(lines) + "\n"


def _names_by_document():
    app = Flask(__name__)
    app.config.update(SECRET_KEY=secrets.token_hex(), WTF_CSRF_ENABLED=False)
    used_by = {}
    with app.test_request_context():
        for document in CATALOGUE:
            for step in document.steps:
                for field in step.prototype().answer_fields():
                    used_by.setdefault(field.short_name, []).append(document.slug)
    return used_by


def _date(day):
    return f"{day.day} {day:%B %Y}"


PAGES = {"law.md": law_register, "glossary.md": glossary}


def main():
    DOCS.mkdir(exist_ok=True)
    for name, make in PAGES.items():
        (DOCS / name).write_text(make(), encoding="utf-8")
        sys.stdout.write(f"wrote docs/{name}\n")


if __name__ == "__main__":
    main()
