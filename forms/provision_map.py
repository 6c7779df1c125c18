"""The whole-school provision map: every kind of provision in the plans made for a register,
with the pupils who get it, the staff time it takes and what it costs. A Word table to print
and discuss, and the same lines as CSV and XLSX for a spreadsheet.

A kind of provision is one line: the same intervention and staff role (whatever the case and
spacing), session length, how often and group size. Its pupils need as many groups as they
fill; its staff hours are those groups' sessions over the weeks its dates cover. Its cost is
the sum of its pupils' costs as their plans give them (each plan's cost is that pupil's share),
never worked out again here. Words for how long or how often that cannot be read as numbers
are shown as they were written, and their hours left blank rather than guessed.
"""

import dataclasses
import datetime
import decimal
import io
import math
import re

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from forms.formatting import join_list, long_date, year_group_text
from forms.plan_parts import AREA_NAMES, AREAS
from forms.provision_time import frequency_words, minutes_of, session_words, sessions_a_week
from service.bulk.spreadsheet_out import MAX_CELL_CHARACTERS, csv_bytes, xlsx_bytes
from service.catalogue import is_prompt

NAME = "Provision map"
HOUR_PLACES = decimal.Decimal("0.1")
PENNY = decimal.Decimal("0.01")
AREA_ORDER = {area: number for number, (area, _) in enumerate(AREAS)}
COST_SENTENCE = (
    "Each pupil's cost is their share of the provision, as their own plan gives it. A line's "
    "cost adds up its pupils' shares, and leaves out pupils whose plans give no cost. Staff "
    "hours are the groups needed, times the session length, times how often, times the weeks "
    "from the line's first start date to its last end date, holidays included."
)


@dataclasses.dataclass(frozen=True)
class Pupil:
    where: str  # "Row 14": where the plan came from
    name: str
    year_group: str
    upn: str

    @property
    def shown(self):
        """'Joshua Adeyemi, Year 5'."""
        return ", ".join(part for part in (self.name, self.year_group) if part)

    @property
    def listed(self):
        """'Joshua Adeyemi, Year 5, K938201224017': as a spreadsheet lists them."""
        return ", ".join(part for part in (self.name, self.year_group, self.upn) if part)


@dataclasses.dataclass(frozen=True)
class Place:
    """One pupil's place in a kind of provision, from one item of their plan."""

    pupil: Pupil
    area: str
    cost: decimal.Decimal | None
    start: datetime.date | None
    end: datetime.date | None


@dataclasses.dataclass
class Line:
    """One kind of provision and the pupils who get it. `minutes` and `sessions` are None
    when the plan's words cannot be read as a number; `group_size` when not given."""

    intervention: str
    staff: str
    session_length: str
    frequency: str
    minutes: int | None
    sessions: int | float | None
    group_size: int | None
    places: list = dataclasses.field(default_factory=list)

    @property
    def areas(self):
        found = {place.area for place in self.places if place.area in AREA_ORDER}
        return sorted(found, key=AREA_ORDER.get)

    @property
    def pupils(self):
        return [place.pupil for place in self.places]

    @property
    def groups(self):
        if not self.group_size:
            return None
        return math.ceil(len(self.places) / self.group_size)

    @property
    def weekly_minutes(self):
        """One group's minutes a week; None when the words could not be counted."""
        if self.minutes is None or self.sessions is None:
            return None
        return decimal.Decimal(self.minutes) * decimal.Decimal(str(self.sessions))

    @property
    def weeks(self):
        """The calendar weeks from the line's first start to its last end, holidays
        included."""
        starts = [place.start for place in self.places if place.start]
        ends = [place.end for place in self.places if place.end]
        if not starts or not ends or max(ends) < min(starts):
            return None
        return max(1, math.ceil(((max(ends) - min(starts)).days + 1) / 7))

    @property
    def staff_hours(self):
        """Every group's sessions over the weeks, in hours; None when anything is unknown."""
        weekly, groups, weeks = self.weekly_minutes, self.groups, self.weeks
        if weekly is None or groups is None or weeks is None:
            return None
        return groups * weekly * weeks / 60

    @property
    def cost(self):
        costs = [place.cost for place in self.places if place.cost is not None]
        return sum(costs, decimal.Decimal(0)) if costs else None

    @property
    def uncosted(self):
        return sum(1 for place in self.places if place.cost is None)

    @property
    def sort_key(self):
        """By area of need, then intervention; then staff, time and group size, so that the
        order never depends on which pupil came first."""
        areas = self.areas
        return (
            AREA_ORDER[areas[0]] if areas else len(AREA_ORDER),
            _same(self.intervention),
            _same(self.staff),
            (self.minutes is None, self.minutes or 0, _same(self.session_length)),
            (self.sessions is None, self.sessions or 0, _same(self.frequency)),
            self.group_size or 0,
        )


@dataclasses.dataclass
class ProvisionMap:
    lines: list
    plans: int  # plans the map is made from
    without_provision: list  # pupils whose plans give no provision
    schools: list
    first_day: datetime.date | None  # the earliest plan start
    last_day: datetime.date | None  # the latest review

    @property
    def pupils_with_provision(self):
        return len({pupil.where for line in self.lines for pupil in line.pupils})

    @property
    def staff_hours(self):
        hours = [line.staff_hours for line in self.lines if line.staff_hours is not None]
        return sum(hours, decimal.Decimal(0))

    @property
    def not_counted(self):
        """Lines whose staff hours could not be worked out."""
        return sum(1 for line in self.lines if line.staff_hours is None)

    @property
    def cost(self):
        return sum((line.cost for line in self.lines if line.cost is not None), decimal.Decimal(0))

    @property
    def uncosted(self):
        return sum(line.uncosted for line in self.lines)


def _same(words):
    """Words compared as people mean them: case and spacing aside."""
    return " ".join(str(words).split()).casefold()


def _given(value):
    return "" if value is None or is_prompt(value) else " ".join(str(value).split())


def provision_map(made, review_days=None):
    """The map from (where, answers) of every plan made; `review_days(answers)` gives a
    plan's reviews as (date, suggested), for the dates the plans cover."""
    lines, without, schools, days = {}, [], [], []
    for where, answers in made:
        pupil = Pupil(
            where,
            _given(answers.get("child_name")),
            year_group_text(_given(answers.get("year_group"))),
            _given(answers.get("upn")),
        )
        items = [
            item for item in _items(answers.get("provision")) if _given(item.get("intervention"))
        ]
        if not items:
            without.append(pupil)
        for item in items:
            line = _line_for(lines, item)
            line.places.append(_place(pupil, item))
        school = _given(answers.get("school_name"))
        if school and _same(school) not in {_same(name) for name in schools}:
            schools.append(school)
        days += _plan_days(answers, review_days)
    return ProvisionMap(
        lines=sorted(lines.values(), key=lambda line: line.sort_key),
        plans=len(made),
        without_provision=without,
        schools=schools,
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
    )


def _items(provision):
    if not isinstance(provision, list):
        return []
    return [item for item in provision if isinstance(item, dict)]


def _line_for(lines, item):
    session, frequency = _given(item.get("session_length")), _given(item.get("frequency"))
    minutes, sessions = minutes_of(session), sessions_a_week(frequency)
    size = _whole(item.get("group_size"))
    key = (
        _same(item.get("intervention")),
        _same(_given(item.get("staff"))),
        minutes if minutes is not None else _same(session),
        sessions if sessions is not None else _same(frequency),
        size,
    )
    if key not in lines:
        lines[key] = Line(
            intervention=_given(item.get("intervention")),
            staff=_given(item.get("staff")),
            session_length=session_words(minutes) if minutes is not None else session,
            frequency=frequency_words(sessions) if sessions is not None else frequency,
            minutes=minutes,
            sessions=sessions,
            group_size=size,
        )
    return lines[key]


def _place(pupil, item):
    cost = _given(item.get("cost"))
    return Place(
        pupil=pupil,
        area=_given(item.get("area")),
        cost=decimal.Decimal(cost) if re.fullmatch(r"[0-9]+(\.[0-9]+)?", cost) else None,
        start=_day(item.get("start")),
        end=_day(item.get("end")),
    )


def _whole(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    text = _given(value)
    return int(text) if text.isdigit() and int(text) > 0 else None


def _day(value):
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_given(value))
    except ValueError:
        return None


def _plan_days(answers, review_days):
    """A plan's start and reviews, for the dates the plans cover."""
    names = ("plan_start", "review_1", "review_2", "review_3")
    days = [_day(answers.get(name)) for name in names]
    # With its given dates all read, a plan's suggested reviews count too; a date that is a
    # prompt stands for none.
    if review_days is not None and not any(is_prompt(answers.get(name)) for name in names):
        days += [day for day, _ in review_days(answers)]
    return [day for day in days if isinstance(day, datetime.date)]


# --- Numbers as the map shows them ------------------------------------------------------------


def hours(value):
    """Staff hours to a tenth of an hour, half up."""
    return value.quantize(HOUR_PLACES, rounding=decimal.ROUND_HALF_UP)


def money(value):
    return value.quantize(PENNY, rounding=decimal.ROUND_HALF_UP)


def _hours_shown(value):
    return f"{hours(value):,}"


def _weekly_shown(minutes):
    if minutes == minutes.to_integral_value():
        return session_words(int(minutes))
    return f"{minutes.normalize():f} minutes"


def _pupils_count(count):
    return f"{count} pupil" + ("" if count == 1 else "s")


# --- CSV and XLSX -----------------------------------------------------------------------------

HEADINGS = [
    "Area of need",
    "Intervention",
    "Staff role",
    "Session length",
    "How often",
    "Group size",
    "Pupils",
    "Number of pupils",
    "Groups needed",
    "Minutes a week per group",
    "Weeks",
    "Staff hours",
    "Cost (£)",
    "Pupils with no cost",
]


def table_rows(provision):
    """The map as spreadsheet rows: headings, a row per line, and the totals. Money and hours
    are numbers; names and words are text (the spreadsheet writer neutralises it)."""
    rows = [HEADINGS]
    for line in provision.lines:
        weekly, line_hours, cost = line.weekly_minutes, line.staff_hours, line.cost
        rows.append(
            [
                "; ".join(AREA_NAMES[area] for area in line.areas),
                line.intervention,
                line.staff,
                line.session_length,
                line.frequency,
                line.group_size,
                "; ".join(pupil.listed for pupil in line.pupils),
                len(line.places),
                line.groups,
                None if weekly is None else weekly.normalize() if weekly % 1 else int(weekly),
                line.weeks,
                None if line_hours is None else hours(line_hours),
                None if cost is None else money(cost),
                line.uncosted,
            ]
        )
    rows.append(
        [
            "Total",
            _totals_note(provision),
            None,
            None,
            None,
            None,
            None,
            provision.pupils_with_provision,
            sum(line.groups or 0 for line in provision.lines),
            None,
            None,
            hours(provision.staff_hours),
            money(provision.cost),
            provision.uncosted,
        ]
    )
    return rows


def _totals_note(provision):
    """The pupils counted, and what the totals leave out, in words."""
    counted = f"{_pupils_count(provision.pupils_with_provision)} with provision"
    return "; ".join([counted, *_left_out(provision)])


def _left_out(provision):
    """What the totals leave out, each as a clause: said under the spreadsheets' totals and
    the Word table's alike."""
    notes = []
    if provision.not_counted:
        lines = "line" if provision.not_counted == 1 else "lines"
        notes.append(
            f"staff hours leave out {provision.not_counted} {lines} whose time could not be "
            "worked out"
        )
    if provision.uncosted:
        notes.append(f"the cost leaves out {_places(provision.uncosted)} with no cost")
    return notes


def _places(count):
    return "1 pupil's provision" if count == 1 else f"{count} pupils' provision"


# --- Word -------------------------------------------------------------------------------------

FONT = "Arial"  # LibreOffice prints it with the metric-compatible Liberation Sans
TEXT_COLOUR = RGBColor(0x0B, 0x0C, 0x0C)
HEADER_FILL = "F3F2F1"  # the plans' own table header fill
TABLE_TEXT = Pt(10)
MARGIN = Mm(15)
# Widths in millimetres, 267 in all: an A4 landscape page less its margins.
COLUMNS = [
    ("Area of need", 32),
    ("Intervention", 40),
    ("Staff role", 26),
    ("Session length and how often", 30),
    ("Group size", 15),
    ("Pupils", 44),
    ("Groups", 17),
    ("Time a week per group", 20),
    ("Staff hours", 19),
    ("Cost", 24),
]
NOTES_UP_TO = 4  # the totals row's notes take the columns from Intervention to Group size


def word_bytes(provision):
    """The map as a Word document: A4 landscape, one table whose header row repeats on every
    page, the totals row bold."""
    document = docx.Document()
    _page_and_styles(document)
    document.add_heading(NAME, level=1)
    if provision.schools:
        document.add_paragraph(join_list(provision.schools), style="School")
    document.add_paragraph(_covers(provision))
    if provision.lines:
        document.add_paragraph(COST_SENTENCE)
        _table(document, provision)
    else:
        document.add_paragraph("None of these plans gives any provision, so the map is empty.")
    if provision.without_provision and provision.lines:
        pupils = provision.without_provision
        after_table = document.add_paragraph(
            f"No provision is given in the plans of {_pupils_count(len(pupils))}: "
            f"{join_list([pupil.shown or pupil.where for pupil in pupils])}."
        )
        after_table.paragraph_format.space_before = Pt(12)
    properties = document.core_properties
    properties.title, properties.author, properties.comments = NAME, "", ""
    properties.last_modified_by = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _covers(provision):
    count = provision.plans
    made = f"Made from {count} plan{'' if count == 1 else 's'}"
    if provision.first_day and provision.last_day:
        return (
            f"{made}, which run from {long_date(provision.first_day)} to "
            f"{long_date(provision.last_day)}: from the first start to the last review."
        )
    return f"{made}."


def _page_and_styles(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, MARGIN)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(11)
    normal.font.color.rgb = TEXT_COLOUR
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    heading = styles["Heading 1"]
    _fonts(heading.element.get_or_add_rPr())
    heading.font.size, heading.font.color.rgb = Pt(20), TEXT_COLOUR
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(6)
    school = styles.add_style("School", WD_STYLE_TYPE.PARAGRAPH)
    school.base_style, school.font.size, school.font.bold = normal, Pt(13), True
    cell = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    cell.element.styleId = TABLE_TEXT_ID
    cell.base_style, cell.font.size = normal, TABLE_TEXT
    cell.paragraph_format.space_after = Pt(2)
    cell.paragraph_format.line_spacing = 1.0


def _fonts(rpr):
    """Arial for every script, in place of the theme's fonts."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = rpr.find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "en-GB")


def _table(document, provision):
    table = document.add_table(rows=2 + len(provision.lines), cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # a fixed layout: the widths below, not the text, set the columns
    _grid(table)
    for row in table.rows:
        _row_rule(row, "w:cantSplit")  # before tblHeader, as the schema orders them
        for cell, (_, width) in zip(row.cells, COLUMNS, strict=True):
            cell.width = Mm(width)
    header, *rows, total = table.rows
    _row_rule(header, "w:tblHeader")
    for cell, (heading, _) in zip(header.cells, COLUMNS, strict=True):
        _fill(cell, [heading], bold=True)
        _shade(cell)
    for row, line in zip(rows, provision.lines, strict=True):
        for cell, paragraphs in zip(row.cells, _line_cells(line), strict=True):
            _fill(cell, paragraphs)
    # The totals: what they leave out is said across the columns that have no total.
    cells = total.cells
    notes = cells[1].merge(cells[NOTES_UP_TO])
    for cell, paragraphs in zip([cells[0], notes, *cells[NOTES_UP_TO + 1 :]],
                                _total_cells(provision), strict=True):  # fmt: skip
        _fill(cell, paragraphs, bold=True)


def _line_cells(line):
    weekly, line_hours, cost = line.weekly_minutes, line.staff_hours, line.cost
    cost_lines = ["Not costed"] if cost is None else [f"£{money(cost):,}"]
    if cost is not None and line.uncosted:
        cost_lines.append(f"Leaves out {_pupils_count(line.uncosted)} with no cost")
    return [
        [AREA_NAMES[area] for area in line.areas],
        [line.intervention],
        [line.staff],
        [part for part in (line.session_length, line.frequency) if part],
        [str(line.group_size or "")],
        [*(pupil.shown or pupil.where for pupil in line.pupils), _pupils_count(len(line.places))],
        [str(line.groups or "")],
        ["" if weekly is None else _weekly_shown(weekly)],
        [] if line_hours is None else [_hours_shown(line_hours), f"over {line.weeks} weeks"],
        cost_lines,
    ]


def _total_cells(provision):
    """The totals row's cells: Total, the notes, then pupils, groups, time, hours and cost."""
    kinds = len(provision.lines)
    notes = [f"{kinds} kind{'' if kinds == 1 else 's'} of provision"]
    notes += [f"{note[0].upper()}{note[1:]}." for note in _left_out(provision)]
    return [
        ["Total"],
        notes,
        [f"{_pupils_count(provision.pupils_with_provision)} with provision"],
        [str(sum(line.groups or 0 for line in provision.lines))],
        [],
        [_hours_shown(provision.staff_hours)],
        [f"£{money(provision.cost):,}"],
    ]


TABLE_TEXT_ID = "TableText"  # the id of the "Table Text" style, which each cell's text uses
_PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def _fill(cell, paragraphs, bold=False):
    """Each of `paragraphs` a paragraph of the cell, in the Table Text style; `bold` makes
    the first one bold, and a header's only one. Written as XML: through python-docx's
    objects, a whole school's pupils (a paragraph each) took about a second."""
    tc = cell._tc
    for paragraph in tc.findall(qn("w:p")):
        tc.remove(paragraph)
    for number, words in enumerate(paragraphs or [""]):
        paragraph = etree.SubElement(tc, qn("w:p"))
        properties = etree.SubElement(paragraph, qn("w:pPr"))
        etree.SubElement(properties, qn("w:pStyle")).set(qn("w:val"), TABLE_TEXT_ID)
        if not words:
            continue
        run = etree.SubElement(paragraph, qn("w:r"))
        if bold and number == 0:
            etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:b"))
        text = etree.SubElement(run, qn("w:t"))
        text.text = words
        text.set(_PRESERVE, "preserve")


def _grid(table):
    grid = table._tbl.tblGrid
    for column, (_, width) in zip(grid.findall(qn("w:gridCol")), COLUMNS, strict=True):
        column.set(qn("w:w"), str(int(Mm(width).twips)))


def _row_rule(row, name):
    """A row property: `w:tblHeader` (repeat on every page), `w:cantSplit` (keep whole)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn(name)) is None:
        properties.append(OxmlElement(name))


def _shade(cell):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


# --- The files --------------------------------------------------------------------------------


def bulk_files(made, review_days=None):
    """The provision map of every plan made, as Word, CSV and XLSX: the DocumentType hook.
    A run whose plans give no provision still gets a map that says so; no plans, no map."""
    if not made:
        return []
    provision = provision_map(made, review_days)
    rows = table_rows(provision)
    return [
        (f"{NAME}.docx", word_bytes(provision)),
        (f"{NAME}.csv", csv_bytes(rows)),
        (f"{NAME}.xlsx", xlsx_bytes([(NAME, _fitted(rows)), ("Pupils", pupil_rows(provision))])),
    ]


PUPILS_COLUMN = 6  # in HEADINGS: the pupils of a line, joined


def _fitted(rows):
    """The rows with any pupils cell too long for an XLSX cell (a help given to hundreds of
    pupils) pointing to the Pupils sheet instead, which lists every one: nothing is cut."""
    fitted = []
    for row in rows:
        cell = row[PUPILS_COLUMN] if len(row) > PUPILS_COLUMN else None
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARACTERS:
            listed = f"{cell.count('; ') + 1:,} pupils: listed on the Pupils sheet"
            fitted.append([*row[:PUPILS_COLUMN], listed, *row[PUPILS_COLUMN + 1 :]])
        else:
            fitted.append(row)
    return fitted


def pupil_rows(provision):
    """A row for each pupil of each line, for the workbook's Pupils sheet."""
    rows = [["Intervention", "Staff role", "Pupil"]]
    for line in provision.lines:
        rows.extend([line.intervention, line.staff, pupil.listed] for pupil in line.pupils)
    return rows
