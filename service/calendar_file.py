"""A document's dates to remember as an iCalendar file (RFC 5545) that any calendar app can
import: one all-day event a date, with a reminder the morning before.

The file holds only what the document type's reminders say (titles and actions that name no
child) and identifiers derived from a secret, so nothing in it leads back to a person or to
the draft, though importing it again updates the same events rather than adding copies.
"""

import datetime
import hashlib
import hmac
import uuid

# The morning before: an all-day event starts at midnight, so 15 hours earlier is 9am.
ALARM_BEFORE = datetime.timedelta(hours=15)


def reminders_for(document, answers):
    """The document's dates to remember for `answers`, or none where it works out none."""
    if document.reminders is None or not answers:
        return []
    return document.reminders(answers)


def identity(secret, draft_id):
    """A stand-in for the draft in the file's identifiers: stable, and meaningless without
    the service's secret."""
    return hmac.new(secret.encode(), draft_id.encode(), hashlib.sha256).hexdigest()


def description(reminder):
    """What to do on the day, then the law the date comes from, if any."""
    if not reminder.cites:
        return reminder.action
    return f"{reminder.action}\n\nTime limit set by {reminder.cites}."


def calendar_file(reminders, *, product, owner, now=None):
    """The .ics bytes for `reminders`. `product`: who made it, for PRODID; `owner`: the
    draft's `identity`, from which every UID is derived (one per reminder key).

    Written line by line rather than through icalendar's objects: a school's register gives
    thousands of events, which icalendar took seconds to write. The tests read every file
    back with icalendar."""
    now = now or datetime.datetime.now(datetime.UTC)
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        _line("PRODID", f"-//{product}//Dates to remember//EN"),
        "METHOD:PUBLISH",
        f"UID:{_uid(owner, 'calendar')}",
    ]
    for reminder in reminders:
        end = reminder.day + datetime.timedelta(days=1)
        lines += [
            "BEGIN:VEVENT",
            _line("SUMMARY", reminder.title),
            f"DTSTART;VALUE=DATE:{reminder.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{_uid(owner, reminder.key)}",
            _line("DESCRIPTION", description(reminder)),
            "TRANSP:TRANSPARENT",  # a reminder, not time spent busy
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            _line("DESCRIPTION", reminder.title),
            f"TRIGGER:-PT{int(ALARM_BEFORE.total_seconds() // 3600)}H",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})
FOLD_AT = 75  # octets a line may hold before it is folded (RFC 5545 3.1)


def _line(name, text):
    """A property with TEXT escaped (RFC 5545 3.3.11) and folded at 75 octets, never inside
    a character's UTF-8 bytes."""
    data = f"{name}:{text.translate(_ESCAPES)}".encode()
    parts, start, room = [], 0, FOLD_AT
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        parts.append(data[start:end])
        start, room = end, FOLD_AT - 1  # a folded line starts with a space
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def _uid(owner, key):
    return str(uuid.uuid5(uuid.NAMESPACE_OID, f"{owner}/{key}"))
