"""Add-another lists, and the groups of questions a list can repeat."""

import re

from markupsafe import Markup
from wtforms import fields as wtf

from service.fields.base import (
    NOT_GIVEN,
    AnswerField,
    AnswerTypeError,
    bullets,
    summary_item,
)

_FLAT_ITEM = re.compile(r"(?P<index>[0-9]+)(?:\.(?P<sub>.+))?")


class ListField(AnswerField, wtf.FieldList):
    """A list the user can grow ("Add another") and shrink ("Remove").

    Entries are TextField, LongTextField or a GroupField of a group form, for repeating
    groups of questions. Empty entries are dropped, so an untouched extra box is not an
    answer. The answer is a list of strings, or of objects for groups.
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
        add_label=None,
        max_entries=30,
        asked=True,
        **kwargs,
    ):
        self.item_name = item_name
        self.add_label = add_label or f"Add another {item_name}"
        super().__init__(entry, None, min_entries=1, max_entries=max_entries, **kwargs)
        self._setup(label, required=required, hint=hint, asked=asked)

    # --- binding, reusing and adapting entries ---------------------------------------------

    def process(self, formdata, data=wtf.core.unset_value, extra_filters=None):
        # Entries bound before are kept aside and reused by _add_entry: binding a field is
        # most of what processing a list costs, and a bound entry is reset by its process().
        self._set_aside(getattr(self, "entries", []))
        super().process(formdata, data, extra_filters)
        if formdata is not None:
            self._drop_empty_entries()

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
        if verb == "add":
            self.add_empty_entry()
        elif verb == "remove" and index.isdigit():
            self.remove_entry(int(index))

    def add_empty_entry(self):
        if len(self.entries) < self.max_entries:
            self.append_entry()

    def remove_entry(self, index):
        if 0 <= index < len(self.entries):
            del self.entries[index]
            if not self.entries:
                self.append_entry()
            _renumber(self)

    # --- answers ---------------------------------------------------------------------------

    def has_value(self):
        return any(entry.has_value() for entry in self.entries)

    def validate(self, form, extra_validators=()):
        if not self.has_value():
            self.errors = [self.required_message] if self.required_message else []
            return not self.errors
        return super().validate(form, extra_validators)

    def answer(self):
        return [entry.answer() for entry in self.entries if entry.has_value()]

    def formdata(self, value, name=None):
        if value is None:
            return []
        if not isinstance(value, list):
            raise AnswerTypeError("must be a list")
        name = name or self.name
        pairs = []
        for index, item in enumerate(value):
            pairs += self.prototype.formdata(item, f"{name}-{index}")
        return pairs

    def from_flat(self, flat, name=None):
        """Items from numbered keys: `name.1`, `name.2`, or for groups `name.1.subfield`."""
        name = name or self.short_name
        items = {}
        for key, value in flat.items():
            head, dot, tail = key.partition(".")
            match = _FLAT_ITEM.fullmatch(tail) if head == name and dot else None
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

    def summary_html(self):
        items = [entry.summary_html() for entry in self.entries if entry.has_value()]
        return bullets(items) if items else NOT_GIVEN

    @property
    def first_input_id(self):
        return (self.entries[0] if self.entries else self.prototype).first_input_id

    def error_items(self):
        nested = [item for entry in self.entries for item in entry.error_items()]
        if nested:
            return nested
        messages = [error for error in self.errors or [] if isinstance(error, str)]
        return [summary_item(message, self.first_input_id) for message in messages[:1]]


class GroupField(AnswerField, wtf.FormField):
    """One item of a repeating group: a small form of its own, answered as an object."""

    type_name = "group"
    macro = "group"

    def __init__(self, form_class, **kwargs):
        super().__init__(form_class, **kwargs)
        self._setup("")

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
        name = name or self.name
        pairs = []
        for field in self.answer_fields():
            pairs += field.formdata(value.get(field.short_name), f"{name}-{field.short_name}")
        return pairs

    def from_flat(self, flat, name=None):
        answer = {field.short_name: field.from_flat(flat) for field in self.answer_fields()}
        return {key: value for key, value in answer.items() if value is not None}

    def blank(self):
        return {field.short_name: field.blank() for field in self.answer_fields()}

    def describe_fields(self):
        return [field.describe() for field in self.answer_fields()]

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
