"""Add-another lists, and the groups of questions a list can repeat."""

import re

from markupsafe import Markup
from wtforms import fields as wtf

from service.fields.base import (
    NOT_GIVEN,
    AnswerField,
    AnswerTypeError,
    InvalidAnswer,
    bullets,
    summary_item,
)

_FLAT_ITEM = re.compile(r"(?P<index>[0-9]+)(?:\.(?P<sub>.+))?")
# Entries past a list's limit that are still read, so that a list longer than it allows (sent
# to the API, posted by hand, or saved before a limit was lowered) is refused with every entry
# shown back, never cut short. A request with more than this is not someone typing.
READ_PAST_LIMIT = 100
_INDEX_DIGITS = 9  # an entry's number in a posted name or a column: people use small ones
_IRREGULAR_PLURALS = {"person": "people", "child": "children"}


class ListField(AnswerField, wtf.FieldList):
    """A list the user can grow ("Add another") and shrink ("Remove").

    Entries are TextField, LongTextField or a GroupField of a group form, for repeating
    groups of questions. Empty entries are dropped, so an untouched extra box is not an
    answer. The answer is a list of strings, or of objects for groups.

    A list holds at most `max_entries` answers. More is an error naming the limit, with every
    entry kept on the page (up to READ_PAST_LIMIT more), so nothing typed is dropped unseen.
    """

    type_name = "list"
    macro = "list"

    def __init__(
        self,
        entry,
        label,
        required=None,
        *,
        hint=None,
        item_name="item",
        items_name=None,
        add_label=None,
        max_entries=30,
        asked=True,
        **kwargs,
    ):
        self.item_name = item_name
        self.items_name = items_name or plural(item_name)
        self.add_label = add_label or f"Add another {item_name}"
        super().__init__(entry, None, min_entries=1, max_entries=max_entries, **kwargs)
        self.read_limit = max_entries + READ_PAST_LIMIT
        self._indices_posted = 0
        self.focus_entry = None  # the entry just added, whose first question gets focus
        self.status = None  # what was just removed, said beside the list's heading
        self._setup(label, required=required, hint=hint, asked=asked)

    # --- binding, reusing and adapting entries ---------------------------------------------

    def process(self, formdata, data=wtf.core.unset_value, extra_filters=None):
        # Entries bound before are kept aside and reused by _add_entry: binding a field is
        # most of what processing a list costs, and a bound entry is reset by its process().
        self._set_aside(getattr(self, "entries", []))
        self._indices_posted = 0
        # WTForms cuts the entries read at max_entries, silently: read past it, so that a
        # list too long is refused with every entry shown back (see validate).
        limit, self.max_entries = self.max_entries, self.read_limit
        try:
            super().process(formdata, data, extra_filters)
        finally:
            self.max_entries = limit
        if formdata is not None:
            self._drop_empty_entries()

    def _extract_indices(self, prefix, formdata):
        """The entry numbers posted, as WTForms reads them, but only names that are this
        list's (`name-N...`) and only short ASCII numbers: str.isdigit() takes "²", which
        int() refuses, and int() refuses numbers of thousands of digits."""
        start = len(prefix) + 1
        separator = self._field_separator
        indices = set()
        for key in formdata:
            if key.startswith(prefix) and key[start - 1 : start] == separator:
                index = key[start:].split(separator, 1)[0]
                if index.isascii() and index.isdigit() and len(index) <= _INDEX_DIGITS:
                    indices.add(int(index))
        self._indices_posted = len(indices)
        return indices

    def _add_entry(self, formdata=None, data=wtf.core.unset_value, index=None):
        spares = getattr(self, "_spares", None)
        if not spares:
            entry = super()._add_entry(formdata, data, index)
        else:
            index = self.last_index + 1 if index is None else index
            self.last_index = index
            entry = spares.pop()
            _rename(entry, f"{self.name}-{index}", str(index))
            entry.process(formdata, data)
            entry.clear_errors()
            self.entries.append(entry)
        entry.adapt(self.earlier)
        return entry

    def adapt(self, earlier):
        super().adapt(earlier)
        for entry in getattr(self, "entries", ()):  # none before the first process()
            entry.adapt(earlier)

    def forget(self):
        """Drop every value the list holds, keeping its bound entries for reuse."""
        self._set_aside(self.entries)
        self.entries = []
        self.errors = self.process_errors = []
        self.focus_entry = self.status = None

    def _set_aside(self, entries):
        for entry in entries:
            entry.forget()  # a spare entry must carry nothing into its next use
        self._spares = [*entries, *getattr(self, "_spares", [])]

    @property
    def prototype(self):
        """One entry bound once and never filled: what each item looks like, for converting
        and describing items."""
        if "_prototype" not in self.__dict__:
            options = {
                "name": f"{self.name}-0",
                "id": f"{self.id}-0",
                "_meta": self.meta,
                "translations": self._translations,
            }
            self._prototype = self.meta.bind_field(self._form, self.unbound_field, options)
            self._prototype.short_name = "0"
            self._prototype.process(None)
        return self._prototype

    # --- adding and removing ---------------------------------------------------------------

    def _drop_empty_entries(self):
        kept = [entry for entry in self.entries if entry.has_value()]
        if len(kept) != len(self.entries):
            self.entries = kept or self.entries[:1]
            _renumber(self)

    def list_action(self, verb, index):
        """Add or remove an entry; the ListChange made, or None if nothing changed."""
        if verb == "add":
            return self.add_empty_entry()
        # ASCII digits only: "²".isdigit() is True, and int("²") fails.
        if verb == "remove" and index.isascii() and index.isdigit():
            return self.remove_entry(int(index))
        return None

    def add_empty_entry(self):
        if len(self.entries) < self.max_entries:
            self.append_entry()
            return ListChange(self, added=len(self.entries) - 1)
        return None

    def remove_entry(self, index):
        if 0 <= index < len(self.entries):
            del self.entries[index]
            if not self.entries:
                self.append_entry()
            _renumber(self)
            return ListChange(self, removed=index)
        return None

    # --- answers ---------------------------------------------------------------------------

    def has_value(self):
        return any(entry.has_value() for entry in self.entries)

    @property
    def limit_text(self):
        return f"You can add up to {self.max_entries} {self.items_name}"

    def too_many(self):
        """More answers than the list allows (entries past the read limit count, unread)."""
        unread = max(0, self._indices_posted - self.read_limit)
        given = sum(1 for entry in self.entries if entry.has_value())
        return given + unread > self.max_entries

    def validate(self, form, extra_validators=()):
        if self.too_many():
            super().validate(form, extra_validators)
            self.errors = [f"{self.limit_text}. Remove some, or put them together", *self.errors]
            return False
        if not self.has_value():
            self.errors = [self.required_message] if self.required_message else []
            return not self.errors
        valid = super().validate(form, extra_validators)
        if not valid:
            self._number_entry_errors()
        return valid

    def _number_entry_errors(self):
        """Say which entry each message is about: "Enter how often for intervention 2"."""
        for number, entry in enumerate(self.entries, start=1):
            questions = entry.answer_fields() if isinstance(entry, GroupField) else [entry]
            for question in questions:
                question.errors = [
                    numbered(message, question.error_name, self.item_name, number)
                    if isinstance(message, str)
                    else message
                    for message in question.errors or []
                ]

    def answer(self):
        return [entry.answer() for entry in self.entries if entry.has_value()]

    def formdata(self, value, name=None):
        if value is None:
            return []
        if not isinstance(value, list):
            raise AnswerTypeError("must be a list")
        name = name or self.name
        pairs = []
        # Past the read limit an item is not read, only counted: one more is enough to refuse.
        for index, item in enumerate(value[: self.read_limit + 1]):
            pairs += self.prototype.formdata(item, f"{name}-{index}")
        return pairs

    def from_flat(self, flat, name=None):
        """Items from numbered keys: `name.1`, `name.2`, or for groups `name.1.subfield`."""
        name = name or self.short_name
        items = {}
        for key, value in flat.items():
            head, dot, tail = key.partition(".")
            match = _FLAT_ITEM.fullmatch(tail) if head == name and dot else None
            if match and len(match["index"]) > _INDEX_DIGITS:  # and int() refuses thousands
                raise InvalidAnswer(f"Number each {self.item_name} 1, 2, 3 and so on: {key[:40]}")
            if match:
                items.setdefault(int(match["index"]), {})[match["sub"] or ""] = value
        answers = []
        for number in sorted(items):
            cells = items[number]
            item = self.prototype.from_flat(cells, "" if "" in cells else None)
            if item not in (None, {}):
                answers.append(item)
        return answers or None

    def blank(self):
        return [self.prototype.blank()]

    # --- describing and showing ------------------------------------------------------------

    def describe(self):
        description = super().describe()
        if isinstance(self.prototype, GroupField):
            description["fields"] = self.prototype.describe_fields()
        else:
            description["items"] = self.prototype.type_name
        return description

    def json_schema(self):
        items = self.prototype.json_schema()
        return {"type": ["array", "null"], "items": items, "maxItems": self.max_entries}

    def summary_html(self):
        items = [entry.summary_html() for entry in self.entries if entry.has_value()]
        return bullets(items) if items else NOT_GIVEN

    @property
    def first_input_id(self):
        return (self.entries[0] if self.entries else self.prototype).first_input_id

    def error_items(self):
        """The list's own message first (too many, or none given), then its entries'."""
        messages = [error for error in self.errors or [] if isinstance(error, str)]
        own = [summary_item(message, self.first_input_id) for message in messages[:1]]
        return own + [item for entry in self.entries for item in entry.error_items()]


class ListChange:
    """An entry added to or removed from a list, and where the page after it puts the user:
    on the new entry's first question, or on the list's heading with a message saying which
    entry went."""

    def __init__(self, field, *, added=None, removed=None):
        self.field, self.added, self.removed = field, added, removed

    @property
    def status(self):
        if self.removed is None:
            return None
        return f"{self.field.item_name.capitalize()} {self.removed + 1} has been removed"

    def show(self):
        """Mark the list so that its page draws the focus and the status message."""
        self.field.focus_entry = self.added
        self.field.status = self.status


class GroupField(AnswerField, wtf.FormField):
    """One item of a repeating group: a small form of its own, answered as an object."""

    type_name = "group"
    macro = "group"

    def __init__(self, form_class, **kwargs):
        super().__init__(form_class, **kwargs)
        self._setup("")

    def process(self, formdata, data=wtf.core.unset_value, extra_filters=None):
        # A reused item keeps its bound form and processes it again (its fields renamed by
        # _rename): binding the fields is most of what checking a list of groups costs, and
        # a whole register checks thousands of items. WTForms would bind a new form.
        form = self.__dict__.get("form")  # not getattr: FormField looks attributes up in it
        if form is None or extra_filters or data is not wtf.core.unset_value:
            super().process(formdata, data, extra_filters)
            return
        self.object_data = None
        form.process(formdata)

    def answer_fields(self):
        return [field for field in self.form if isinstance(field, AnswerField)]

    def adapt(self, earlier):
        super().adapt(earlier)
        for field in self.answer_fields():
            field.adapt(earlier)

    def has_value(self):
        return any(field.has_value() for field in self.answer_fields())

    def answer(self):
        return {field.short_name: field.answer() for field in self.answer_fields()}

    def formdata(self, value, name=None):
        if not isinstance(value, dict):
            raise AnswerTypeError("must be an object")
        fields = self.answer_fields()
        known = [field.short_name for field in fields]
        # An answer under a name the item does not ask would be dropped without a word, as
        # one the document does not ask is refused: so it is refused here too.
        unknown = [key for key in value if key not in known]
        if unknown:
            raise AnswerTypeError(
                f"has an item with {str(unknown[0])[:40]!r}, which is not one of its questions "
                f"({', '.join(known)})"
            )
        name = name or self.name
        pairs = []
        for field in fields:
            pairs += field.formdata(value.get(field.short_name), f"{name}-{field.short_name}")
        return pairs

    def from_flat(self, flat, name=None):
        answer = {field.short_name: field.from_flat(flat) for field in self.answer_fields()}
        return {key: value for key, value in answer.items() if value is not None}

    def blank(self):
        return {field.short_name: field.blank() for field in self.answer_fields()}

    def describe_fields(self):
        return [field.describe() for field in self.answer_fields()]

    def json_schema(self):
        fields = self.answer_fields()
        return {
            "type": "object",
            "properties": {field.short_name: field.json_schema() for field in fields},
            "additionalProperties": False,
        }

    def summary_html(self):
        parts = [
            Markup("<strong>{}</strong>: {}").format(field.label.text, field.summary_html())
            for field in self.answer_fields()
            if field.has_value()
        ]
        return Markup("<br>").join(parts) if parts else NOT_GIVEN

    @property
    def first_input_id(self):
        return self.answer_fields()[0].first_input_id

    def error_items(self):
        return [item for field in self.answer_fields() for item in field.error_items()]

    def clear_errors(self):
        for field in self.answer_fields():
            field.errors = []

    def forget(self):
        for field in self.answer_fields():
            field.forget()


def numbered(message, error_name, item_name, number):
    """A message about a question of a list's entry, naming the entry by its number, as its
    heading does. Messages that say "this outcome" name it there; "Outcome must be ..." about
    an entry that is itself the outcome becomes "Outcome 2 must be ..."; a message that starts
    with the question's name gets the entry after the name; any other ends with it."""
    entry = f"{item_name} {number}"
    this = f"this {item_name}"
    if this in message:
        return message.replace(this, entry, 1)
    if error_name and message.startswith(error_name):
        if error_name.lower() == item_name.lower():
            return f"{entry.capitalize()}{message[len(error_name) :]}"
        return f"{error_name} for {entry}{message[len(error_name) :]}"
    return f"{message} for {entry}"


def plural(noun):
    """'outcome' -> 'outcomes', 'remedy' -> 'remedies', 'person' -> 'people'."""
    if noun in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[noun]
    if noun.endswith("y") and noun[-2:-1] not in ("", "a", "e", "i", "o", "u"):
        return f"{noun[:-1]}ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return f"{noun}es"
    return f"{noun}s"


def _renumber(field_list):
    """Give entries consecutive names again after adding or removing one."""
    for index, entry in enumerate(field_list.entries):
        _rename(entry, f"{field_list.name}-{index}", str(index))
    field_list.last_index = len(field_list.entries) - 1


def _rename(entry, name, short_name):
    entry.name = entry.id = name
    entry.short_name = short_name
    if isinstance(entry, GroupField):
        for field in entry.form:
            field.name = field.id = f"{name}-{field.short_name}"
