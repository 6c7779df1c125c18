"""The documents this service can write: one module each, declared in CATALOGUE in the order
the start page lists them."""

from forms import (
    complaint,
    concern_letter,
    ehc_needs_assessment_request,
    missed_deadline_letter,
    records_request,
    sen_support_plan,
    sen_support_review,
)

CATALOGUE = [
    concern_letter.DOCUMENT,
    sen_support_plan.DOCUMENT,
    sen_support_review.DOCUMENT,
    ehc_needs_assessment_request.DOCUMENT,
    complaint.DOCUMENT,
    records_request.DOCUMENT,
    missed_deadline_letter.DOCUMENT,
]
