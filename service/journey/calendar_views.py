"""The calendar file of a finished document's dates to remember."""

from flask import abort, current_app

from service import limits
from service.calendar_file import calendar_file, identity, reminders_for
from service.delivery.download import attachment
from service.journey.routing import bp, finished

ICS_MIMETYPE = "text/calendar"


@bp.get("/<slug>/calendar.ics")
@limits.expensive("render")
@finished
def calendar(document, draft, state):
    reminders = reminders_for(document, state.answers)
    if not reminders:
        abort(404)
    data = calendar_file(
        reminders,
        product=current_app.config["SERVICE_NAME"],
        owner=identity(current_app.config["SECRET_KEY"], draft.id or draft.ref or document.slug),
    )
    # Named after the document, not the child: the name shows in download lists and apps.
    name = f"Dates to remember, {document.name_for_reader}"
    return attachment(data, name, extension="ics", mimetype=ICS_MIMETYPE)
