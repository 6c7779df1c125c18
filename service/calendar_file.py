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

import icalendar

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
    draft's `identity`, from which every UID is derived (one per reminder key)."""
    now = now or datetime.datetime.now(datetime.UTC)
    events = []
    for reminder in reminders:
        alarm = icalendar.Alarm.new(description=reminder.title)
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        events.append(
            icalendar.Event.new(
                uid=_uid(owner, reminder.key),
                stamp=now,
                start=reminder.day,
                end=reminder.day + datetime.timedelta(days=1),
                summary=reminder.title,
                description=description(reminder),
                transparency="TRANSPARENT",  # a reminder, not time spent busy
                subcomponents=[alarm],
            )
        )
    calendar = icalendar.Calendar.new(
        prodid=f"-//{product}//Dates to remember//EN",
        method="PUBLISH",
        uid=_uid(owner, "calendar"),
        subcomponents=events,
    )
    return calendar.to_ical()


def _uid(owner, key):
    return str(uuid.uuid5(uuid.NAMESPACE_OID, f"{owner}/{key}"))
