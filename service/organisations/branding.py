"""Which organisation's brand a page wears, and keeping it on a journey to the end.

A journey is branded when it was started from an organisation's front door: the front door
links to documents with `?org=<slug>`, every address built for the journey carries it on, and
the draft records the organisation when it is first saved, so from then on the draft itself
says whose brand it wears (an address cannot re-brand a saved draft). A page that is not
branded looks exactly as it did before organisations existed.
"""

from flask import current_app, g, has_request_context, request, url_for

ORG_ARG = "org"


def organisations():
    return current_app.extensions["organisations"]


def current():
    """The organisation whose brand this page wears, or None."""
    return g.get("organisation")


def home_url():
    """Where "start" means for this page: the organisation's front door, or the start page."""
    organisation = current()
    if organisation is not None:
        return url_for("organisations.front_door", org=organisation.slug)
    return url_for("pages.start")


def line_for(document):
    """The line the organisation whose brand this page wears chose for `document`, or ""."""
    organisation = current() if has_request_context() else None
    return organisation.line_for(document.slug) if organisation is not None else ""


def adopt(draft):
    """Brand the page for the journey's draft, and note the brand on a draft not yet saved.

    A saved draft wears the brand it was started with, if that organisation still offers the
    document; a new one takes the brand its address asks for. Council details the organisation
    gives are filled in, for the user to check and change, on the step that asks for them.
    """
    wanted = draft.organisation if draft.is_saved else request.args.get(ORG_ARG)
    organisation = _offering(wanted, draft.document)
    if not draft.is_saved:
        draft.organisation = organisation.slug if organisation else None
    if organisation is None:
        g.organisation = None
        return
    g.organisation = organisation
    _prefill_council(draft, organisation)


def brand_to_carry(draft, document):
    """The brand a document started from `draft` (its next document) keeps: the draft's
    organisation, if it offers that document too; else None."""
    organisation = _offering(draft.organisation, document.slug)
    return organisation.slug if organisation else None


def brand_of_address(document):
    """The organisation this page's address names, if it offers `document` (for a draft made
    afresh from a post whose own draft was lost); else None."""
    organisation = _offering(request.args.get(ORG_ARG), document.slug)
    return organisation.slug if organisation else None


def _offering(slug, document_slug):
    """The organisation `slug` names, if there is one and it offers the document; else None."""
    organisation = organisations().get(slug or "")
    return organisation if organisation is not None and organisation.offers(document_slug) else None


def _prefill_council(draft, organisation):
    council = organisation.council
    if council is None:
        return
    document = current_app.extensions["catalogue"].get(draft.document)
    given = council.answers()
    for step in document.steps:
        names = set(document.field_names(step))
        if "la_name" not in names or step.slug in draft.steps:
            continue
        # Answers carried from another document, if any, win over the organisation's.
        draft.prefill[step.slug] = {
            **{name: value for name, value in given.items() if name in names},
            **draft.prefill.get(step.slug, {}),
        }


def _brand_from_address(endpoint, values):
    """Before a journey page loads its draft: the start page and error pages of a journey
    opened from a front door wear its brand."""
    g.pop("organisation", None)
    if endpoint and endpoint.startswith("journey."):
        g.organisation = _offering(request.args.get(ORG_ARG), (values or {}).get("slug"))


def _carry_brand(endpoint, values):
    """Every address built for a branded journey's pages carries the brand on."""
    organisation = current()
    if organisation is None or not endpoint or ORG_ARG in values:
        return
    if endpoint.startswith("journey.") and organisation.offers(values.get("slug")):
        values[ORG_ARG] = organisation.slug


def _template_globals():
    return {"organisation": current(), "home_url": home_url}


def init_app(app):
    app.url_value_preprocessor(_brand_from_address)
    app.url_defaults(_carry_brand)
    app.context_processor(_template_globals)
