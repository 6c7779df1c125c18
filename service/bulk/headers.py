"""The columns of a school's register export matched to a document's field names.

Schools export their SEN register from SIMS, Arbor, Bromcom or ScholarPack, and each names its
columns its own way: "Legal Forename", "First name", "NC Year", "Reg Group", "SEN Stage",
"Primary SEN Type". `guess` says which field each column most likely fills, for a person to
check and change on the mapping screen (`choices`); a column named exactly as a field (the
service's own template: `child_name`, `outcomes.1.target`) always fills that field.
`flat_row` then reads one row into the flat values `service.answers.flat_answers` reads.

What a row says is kept as written, except for these normalisations, which say the same thing
the way the service's questions read it:
- the name parts (legal and preferred first names and surnames) are joined into the pupil's
  full name, "Forename Surname", from the legal names (a preferred one stands in for a legal
  one left empty); a preferred name that differs from the legal one is the name the pupil
  goes by (`child_known_as`), when the document asks it;
- a year group of "5", "Y5", "Yr 5" or "NC Year 5" is "Year 5" (Years 1 to 14); "R", "Rec",
  "Year R" or "FS2" is "Reception"; "N1", "N2", "FS1" or "Nursery 1" is "Nursery";
- an SEN status in words ("SEN Support", "K - SEN Support", "EHC Plan", "No Special
  Educational Need") is its census code, K, E or N;
- a type of need in words, or as a code in any case ("Specific Learning Difficulty", "Autism",
  "SpLD"), is its census code; a secondary need of "None" is no secondary need.
A cell none of these reads is passed on as written, for the field's own check to report: a
need is never guessed.
"""

import re

from service.fields import ListField, resolve
from service.fields.lists import GroupField

# The name parts, combined into `child_name` (and `child_known_as`) by `flat_row`. A hyphen
# cannot be in a field name (each is a Python identifier), so these never clash with one.
FORENAME = "legal-forename"
SURNAME = "legal-surname"
PREFERRED_FORENAME = "preferred-forename"
PREFERRED_SURNAME = "preferred-surname"
NAME_PARTS = (FORENAME, SURNAME, PREFERRED_FORENAME, PREFERRED_SURNAME)
# The status column, used to choose which pupils to include even by a document that does not
# ask it: `flat_row` always gives it under this key, and the caller takes it out.
SEN_STATUS = "sen_status"
STATUSES = ("K", "E", "N")

# Plain labels for what a register holds, on the mapping screen; the document's own question
# labels name its other fields.
TARGETS = {
    FORENAME: "Pupil's first name (legal)",
    PREFERRED_FORENAME: "Preferred first name",
    SURNAME: "Surname",
    PREFERRED_SURNAME: "Preferred surname",
    "child_dob": "Date of birth",
    "upn": "Unique pupil number (UPN)",
    SEN_STATUS: "SEN status (to choose which pupils to include)",
}
DO_NOT_USE = ("", "Do not use this column")
MOST_ITEM_DIGITS = 9  # as the flat reading of a list numbers its items

# How sure a guess is: when two columns could fill one field, the surer one does.
EXACT, SPECIFIC, USUAL, LOOSE = 4, 3, 2, 1

# What register exports call each field, as `_words` writes a header. A phrase lists the
# fields it may be in order of preference: the first the document asks is the guess.
_PHRASES = {
    SPECIFIC: {
        "legal forename": (FORENAME,),
        "legal first name": (FORENAME,),
        "legal given name": (FORENAME,),
        "legal surname": (SURNAME,),
        "legal last name": (SURNAME,),
        "legal family name": (SURNAME,),
        "preferred forename": (PREFERRED_FORENAME,),
        "preferred first name": (PREFERRED_FORENAME,),
        "preferred given name": (PREFERRED_FORENAME,),
        "preferred surname": (PREFERRED_SURNAME,),
        "preferred last name": (PREFERRED_SURNAME,),
        "preferred family name": (PREFERRED_SURNAME,),
    },
    USUAL: {
        "forename": (FORENAME,),
        "first name": (FORENAME,),
        "firstname": (FORENAME,),
        "given name": (FORENAME,),
        "surname": (SURNAME,),
        "last name": (SURNAME,),
        "lastname": (SURNAME,),
        "family name": (SURNAME,),
        "preferred name": (PREFERRED_FORENAME,),
        "known as": (PREFERRED_FORENAME,),
        "full name": ("child_name",),
        "legal name": ("child_name",),
        "date of birth": ("child_dob",),
        "birth date": ("child_dob",),
        "birthdate": ("child_dob",),
        "upn": ("upn",),
        "unique pupil number": ("upn",),
        "year group": ("year_group",),
        "nc year": ("year_group",),
        "nc year actual": ("year_group",),
        "national curriculum year": ("year_group",),
        "curriculum year": ("year_group",),
        "year taught in": ("year_group",),
        "registration group": ("class_name",),
        "registration form": ("class_name",),
        "registration class": ("class_name",),
        "tutor group": ("class_name",),
        "form group": ("class_name",),
        "form class": ("class_name",),
        "class name": ("class_name",),
        "class teacher": ("class_teacher",),
        "form tutor": ("class_teacher",),
        "sen status": (SEN_STATUS,),
        "sen provision": (SEN_STATUS,),
        "sen provision status": (SEN_STATUS,),
        "sen stage": (SEN_STATUS,),
        "sen code": (SEN_STATUS,),
        "sen register status": (SEN_STATUS,),
        "primary need": ("primary_need",),
        "primary sen need": ("primary_need",),
        "primary sen type": ("primary_need",),
        "primary sen": ("primary_need",),
        "primary type of need": ("primary_need",),
        "sen primary need": ("primary_need",),
        "sen primary type": ("primary_need",),
        "main need": ("primary_need",),
        "main sen need": ("primary_need",),
        "sen need 1": ("primary_need",),
        "sen type 1": ("primary_need",),
        "need 1": ("primary_need",),
        "secondary need": ("secondary_need",),
        "secondary sen need": ("secondary_need",),
        "secondary sen type": ("secondary_need",),
        "secondary sen": ("secondary_need",),
        "secondary type of need": ("secondary_need",),
        "sen secondary need": ("secondary_need",),
        "sen secondary type": ("secondary_need",),
        "sen need 2": ("secondary_need",),
        "sen type 2": ("secondary_need",),
        "need 2": ("secondary_need",),
        "school name": ("school_name",),
        "establishment name": ("school_name",),
        "senco": ("senco_name",),
        "senco name": ("senco_name",),
        "key adult": ("key_adult",),
        "key worker": ("key_adult",),
        "key person": ("key_adult",),
        "parent name": ("parent_carer_name",),
        "parent carer name": ("parent_carer_name",),
        "primary contact name": ("parent_carer_name",),
        "contact relationship": ("parent_carer_role",),
        "parent relationship": ("parent_carer_role",),
        "plan start": ("plan_start",),
        "plan start date": ("plan_start",),
        "plan date": ("plan_start",),
        "review date": ("review_date", "review_1"),
        "next review": ("next_review", "review_1"),
        "next review date": ("next_review", "review_1"),
    },
    LOOSE: {
        "name": ("child_name",),
        "year": ("year_group",),
        "class": ("class_name",),
        "form": ("class_name",),
        "registration": ("class_name",),
        "teacher": ("class_teacher",),
        "tutor": ("class_teacher",),
        "sen": (SEN_STATUS,),
        "sen need": ("primary_need",),
        "sen type": ("primary_need",),
        "type of need": ("primary_need",),
        "need": ("primary_need",),
        "school": ("school_name",),
        "establishment": ("school_name",),
        "relationship": ("parent_carer_role",),
    },
}

# Words of a header written the way `_PHRASES` writes them.
_SAME_WORD = {
    "yr": "year",
    "grp": "group",
    "reg": "registration",
    "dob": "date of birth",
    "send": "sen",
    "forenames": "forename",
    "names": "name",
    "needs": "need",
    "tutorgroup": "tutor group",
    "regroup": "registration group",
}
# Words that say nothing about which field a column is: "Pupil Surname", "Forename(s)",
# "Class or tutor group (optional)".
_FILLER = frozenset(
    {"pupil", "pupils", "student", "students", "child", "childs", "learner", "s", "optional"}
)


def _words(text):
    """A header (or a label) as plain lower-case words: 'D.O.B.' and 'dob' alike, 'Pupil
    Surname' as 'surname', 'Reg_Group' as 'registration group'."""
    text = re.sub(r"[.'’]", "", str(text or "").casefold().replace("&", " and "))
    words = (_SAME_WORD.get(word, word) for word in re.findall(r"[^\W_]+", text))
    return " ".join(word for word in words if word not in _FILLER)


# The phrases as `_words` writes them ("unique pupil number" as "unique number").
_KNOWN = {
    sureness: {_words(phrase): fields for phrase, fields in phrases.items()}
    for sureness, phrases in _PHRASES.items()
}

# --- The document's fields ----------------------------------------------------------------


def _questions(document):
    """name -> (step, field) for each question of the document, in page order."""
    return {
        field.short_name: (step, field)
        for step in document.steps
        for field in step.prototype().answer_fields()
    }


def _plain(label):
    return re.sub(r"\s*\(optional\)\s*$", "", str(label)).strip()


def _single_targets(questions):
    """The targets a whole column can fill: each question but a list (whose items are
    numbered columns), the name parts when the document asks the pupil's name, and the
    status."""
    targets = [name for name, (_, field) in questions.items() if not isinstance(field, ListField)]
    if "child_name" in questions:
        targets += NAME_PARTS
    if SEN_STATUS not in targets:
        targets.append(SEN_STATUS)
    return targets


def _list_item(key, questions):
    """(list field, item number, subfield) for a flat list key the document reads, such as
    `outcomes.1.target` or `distribution.2`; None for anything else."""
    head, _, rest = key.partition(".")
    found = questions.get(head)
    if found is None or not isinstance(found[1], ListField):
        return None
    field = found[1]
    number, _, sub = rest.partition(".")
    if not (number.isascii() and number.isdigit() and len(number) <= MOST_ITEM_DIGITS):
        return None
    prototype = field.prototype
    if isinstance(prototype, GroupField):
        subfields = {item.short_name: item for item in prototype.answer_fields()}
        return (field, int(number), subfields[sub]) if sub in subfields else None
    return None if sub else (field, int(number), None)


# --- Guessing -------------------------------------------------------------------------------


def _candidates(header, questions, targets):
    """(how sure, target) for each field a column headed `header` could fill, surest first."""
    exact = str(header or "").strip().casefold()
    if exact in targets or (exact and _list_item(exact, questions)):
        return [(EXACT, exact)]
    words = _words(header)
    found = []
    for sureness, phrases in _KNOWN.items():
        found += [(sureness, target) for target in phrases.get(words, ())]
    for name in targets:
        question = questions.get(name)
        names = {_words(name)} | ({_words(_plain(question[1].label.text))} if question else set())
        if words and words in names:
            found.append((USUAL, name))
    return [(sureness, target) for sureness, target in found if target in targets]


def guess(headers: list[str], document) -> list[str | None]:
    """For each column, the target it most likely fills, or None: a field of the document, a
    flat list key given exactly as a header, a name part or the SEN status. No two columns
    get one target: the surer guess wins (a 'Legal Forename' over a 'Forename'), then the
    column further left. A full-name column is not guessed beside name parts."""
    questions = _questions(document)
    targets = _single_targets(questions)
    ranked = sorted(
        (-sureness, column, rank, target)
        for column, header in enumerate(headers)
        for rank, (sureness, target) in enumerate(_candidates(header, questions, targets))
    )
    mapping, sureness_of = [None] * len(headers), {}
    for negative, column, _, target in ranked:
        if mapping[column] is None and target not in sureness_of:
            mapping[column], sureness_of[target] = target, -negative
    # A "Name" column, often "Surname, Forename", is the weaker guess beside the parts.
    if sureness_of.get("child_name", EXACT) < EXACT and {FORENAME, SURNAME} & set(sureness_of):
        mapping[mapping.index("child_name")] = None
    return mapping


def unmapped(headers: list[str], mapping: list[str | None]) -> list[str]:
    """The headers of the columns that will not be used; a column without a header is named
    by its letter, as a spreadsheet shows it ("Column E")."""
    return [
        str(header or "").strip() or f"Column {_letter(column)}"
        for column, (target, header) in enumerate(_columns(mapping, headers))
        if not target
    ]


def _columns(mapping, cells):
    """(target, cell) for each column: a column with no target, or no cell, has None."""
    width = max(len(mapping), len(cells))
    targets = list(mapping) + [None] * (width - len(mapping))
    return zip(targets, list(cells) + [None] * (width - len(cells)), strict=True)


def _letter(column):
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# --- The mapping screen ---------------------------------------------------------------------


def choices(document, also=()) -> list[tuple[str, str]]:
    """(value, label) for each target a person can choose for a column, in page order, after
    'Do not use this column'. `also` adds flat list keys (such as the guesses of a template's
    `outcomes.1.target` columns), each at its list's place."""
    questions = _questions(document)
    targets = _single_targets(questions)
    extra = [key for key in dict.fromkeys(also) if key and _list_item(key, questions)]
    found = [DO_NOT_USE]
    for name, (_, field) in questions.items():
        if isinstance(field, ListField):
            found += [
                (key, label_for(document, key)) for key in extra if key.startswith(name + ".")
            ]
            continue
        found.append((name, label_for(document, name)))
        if name == "child_name":
            found += [(part, TARGETS[part]) for part in NAME_PARTS]
    if SEN_STATUS not in questions:
        found.append((SEN_STATUS, TARGETS[SEN_STATUS]))
    return [(value, label) for value, label in found if not value or value in targets + extra]


def label_for(document, target) -> str:
    """A target as the mapping screen names it: a plain label for what a register holds; for
    another question, its label after its page's title ("Strengths: What are the pupil's
    strengths?"); for a list item, the list, the item and its question."""
    if target in TARGETS:
        return TARGETS[target]
    questions = _questions(document)
    if target in questions:
        step, field = questions[target]
        label, title = _plain(field.label.text), _plain(resolve(step.title, {}) or "")
        return label if not title or title == label else f"{title}: {label}"
    item = _list_item(target, questions)
    if item is None:
        raise ValueError(f"{target!r} is not a column this document reads")
    field, number, sub = item
    label = _plain(field.label.text)
    named = f"{label}{' ' if label.endswith('?') else ': '}{field.item_name} {number}"
    return f"{named}, {_plain(sub.label.text)}" if sub else named


def is_target(document, target) -> bool:
    """Whether a column can fill `target` in this document (a mapping screen's answer may
    have been changed on the way)."""
    questions = _questions(document)
    return _fills(target, questions, _single_targets(questions))


def _fills(target, questions, targets):
    return target in targets or _list_item(target, questions) is not None


def repeated(mapping: list[str | None]) -> list[str]:
    """The targets chosen for more than one column, each once, in column order: a person
    must choose again, since one column would hide the other."""
    seen, twice = set(), []
    for target in mapping:
        if target and target in seen and target not in twice:
            twice.append(target)
        seen.add(target)
    return twice


# --- Reading a row --------------------------------------------------------------------------


def flat_row(mapping: list[str | None], cells: list[str], document) -> dict[str, str]:
    """One row's flat values keyed by field name, as `service.answers.flat_answers` reads
    them, with the name parts combined and the year group, SEN status and needs written as
    the questions read them (see the module's notes). The status is always under
    `SEN_STATUS` when a column gives it. A mapping with a target the document does not read,
    or one target twice, is refused (ValueError): check it with `is_target` and `repeated`."""
    questions = _questions(document)
    targets = _single_targets(questions)
    wrong = [target for target in mapping if target and not _fills(target, questions, targets)]
    if wrong or repeated(mapping):
        raise ValueError(f"Not a mapping for {document.slug}: {(wrong or repeated(mapping))[0]}")
    values = {
        target: "" if cell is None else str(cell)
        for target, cell in _columns(mapping, cells)
        if target
    }
    parts = {part: values.pop(part).strip() for part in NAME_PARTS if part in values}
    flat = {target: _normalised(target, value) for target, value in values.items()}
    if parts:
        flat.update(_names(parts, flat, asks_known_as="child_known_as" in questions))
    return flat


def _names(parts, flat, asks_known_as):
    """child_name from the name parts, unless a column gives it whole; child_known_as from a
    preferred name that differs from the legal one, unless a column gives it."""
    legal_first, legal_last = parts.get(FORENAME, ""), parts.get(SURNAME, "")
    preferred_first, preferred_last = (
        parts.get(PREFERRED_FORENAME, ""),
        parts.get(PREFERRED_SURNAME, ""),
    )
    first, last = legal_first or preferred_first, legal_last or preferred_last
    names = {}
    if not flat.get("child_name", "").strip():
        names["child_name"] = " ".join(part for part in (first, last) if part)
    if asks_known_as and not flat.get("child_known_as", "").strip():
        if _differs(preferred_last, legal_last):
            names["child_known_as"] = f"{preferred_first or legal_first} {preferred_last}".strip()
        elif _differs(preferred_first, legal_first):
            names["child_known_as"] = preferred_first
    return names


def _differs(preferred, legal):
    return bool(preferred and legal) and preferred.casefold() != legal.casefold()


def _normalised(target, value):
    if target == "year_group":
        return year_group(value)
    if target == SEN_STATUS:
        return sen_status(value)
    if target in ("primary_need", "secondary_need"):
        return need(value, secondary=target == "secondary_need")
    return value


def status_of(flat) -> str | None:
    """The census SEN status of a flat row, "K", "E" or "N"; None if it has none, or one that
    is not one of them (such as an old "A" for School Action)."""
    code = sen_status(str(flat.get(SEN_STATUS) or ""))
    return code if code in STATUSES else None


# --- Normalising cells ----------------------------------------------------------------------

_YEAR_NUMBER = re.compile(r"(?:nc\s*)?(?:year|yr|y)?\s*0?(\d{1,2})")
_RECEPTION = re.compile(r"(?:(?:nc\s*)?(?:year|yr|y)\s*)?(?:r|rec|reception)|fs\s*2")
_NURSERY = re.compile(r"(?:n|nursery\s*)[12]|nursery|fs\s*1")
LAST_YEAR = 14  # some special schools have a Year 14


def year_group(value: str) -> str:
    """'5', 'Y5', 'Yr 5' or 'NC Year 5' -> 'Year 5'; 'R', 'Rec' -> 'Reception'; 'N1', 'N2'
    -> 'Nursery'; anything else as written."""
    typed = " ".join(value.casefold().split())
    number = _YEAR_NUMBER.fullmatch(typed)
    if number and 1 <= int(number.group(1)) <= LAST_YEAR:
        return f"Year {int(number.group(1))}"
    if _RECEPTION.fullmatch(typed):
        return "Reception"
    if _NURSERY.fullmatch(typed):
        return "Nursery"
    return value


_STATUS_WORDS = {
    "K": {"sen support"},
    "E": {
        "ehc plan",
        "ehcp",
        "ehc",
        "education health and care plan",
        "education health and care ehc plan",
    },
    "N": {"no special educational need", "no sen", "not sen", "no special educational needs"},
}


def sen_status(value: str) -> str:
    """'SEN Support', 'K - SEN Support' -> 'K'; 'EHC Plan', 'E - Education, Health and Care
    Plan' -> 'E'; 'No Special Educational Need', 'n' -> 'N'; anything else as written."""
    return _coded(value, _STATUS_WORDS)


_NEED_WORDS = {
    "SPLD": {"specific learning difficulty", "specific learning difficulties"},
    "MLD": {"moderate learning difficulty", "moderate learning difficulties"},
    "SLD": {"severe learning difficulty", "severe learning difficulties"},
    "PMLD": {
        "profound and multiple learning difficulty",
        "profound and multiple learning difficulties",
        "profound multiple learning difficulty",
        "profound multiple learning difficulties",
    },
    "SEMH": {
        "social emotional and mental health",
        "social emotional and mental health need",
        "social emotional and mental health difficulties",
        "social emotional mental health",
    },
    "SLCN": {
        "speech language and communication need",
        "speech language and communication needs",
        "speech language and communication",
    },
    "HI": {"hearing impairment"},
    "VI": {"vision impairment", "visual impairment"},
    "MSI": {"multi sensory impairment", "multisensory impairment"},
    "PD": {"physical disability"},
    "ASD": {
        "autistic spectrum disorder",
        "autism spectrum disorder",
        "autism",
        "autistic spectrum condition",
        "autism spectrum condition",
        "asc",
    },
    "OTH": {"other difficulty or disability", "other difficulty disability", "other"},
    "NSA": {
        "sen support but no specialist assessment of type of need",
        "no specialist assessment",
    },
}
NO_SECONDARY_NEED = "none"  # as forms/plan_parts.py's secondary need question writes it
_NO_SECONDARY_WORDS = {"none": {"none", "no secondary need"}}


def need(value: str, *, secondary: bool = False) -> str:
    """A type of need in words, or as a census code in any case, -> its census code
    ('Autism' -> 'ASD', 'SpLD' -> 'SPLD'); a secondary need of 'None' -> 'none'; anything
    else as written: a need is never guessed."""
    if secondary and _coded(value, _NO_SECONDARY_WORDS) == NO_SECONDARY_NEED:
        return NO_SECONDARY_NEED
    return _coded(value, _NEED_WORDS)


def _coded(value, words_by_code):
    """The code a cell gives: the code in any case, its words, or both ('K - SEN Support',
    'SPLD: specific learning difficulty'); the cell as written if it is none of these, or if
    its code and words disagree."""
    typed = " ".join(re.findall(r"[^\W_]+", value.casefold().replace("&", " and ")))
    for code, words in words_by_code.items():
        lower = code.casefold()
        if typed == lower or typed in words:
            return code
        head, _, rest = typed.partition(" ")
        if head == lower and rest in words:
            return code
    return value
