"""Cases: the documents a browser holds ("Your documents"), coming back to them on another
device by an emailed link, starting the next document with the answers it shares, and
starting from a document the service made before."""

import datetime

from service import dates
from service.cases import views
from service.extensions import limiter_of


def long_uk_date(moment):
    """ "15 December 2026": a date, or the day a moment falls on in the UK."""
    if isinstance(moment, datetime.datetime):
        moment = moment.astimezone(dates.LONDON).date()
    return f"{moment.day} {moment:%B %Y}"


def init_app(app):
    # Posts here are as cheap to send as the journey's, and limited the same way.
    limiter_of(app).limit(app.config["RATELIMIT_FORMS"], methods=["POST"])(views.bp)
    app.register_blueprint(views.bp)
    app.url_value_preprocessor(views.allow_uploads)
    app.add_template_filter(long_uk_date, "long_uk_date")
