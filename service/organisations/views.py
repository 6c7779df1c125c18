"""An organisation's own pages under /o/<org>/: its front door and its logo.

The views get the Organisation itself as `org`: the slug in the address is looked up once,
and one that names no organisation is a 404 like any other unknown address.
"""

from flask import Blueprint, abort, current_app, g, render_template, url_for

bp = Blueprint("organisations", __name__, url_prefix="/o/<org>")


@bp.url_value_preprocessor
def _organisation_from_address(_endpoint, values):
    organisation = current_app.extensions["organisations"].get(values.get("org", ""))
    if organisation is None:
        abort(404)
    values["org"] = g.organisation = organisation


@bp.url_defaults
def _slug_for_address(_endpoint, values):
    organisation = values.get("org", g.get("organisation"))
    if organisation is not None and not isinstance(organisation, str):
        values["org"] = organisation.slug


def documents_of(organisation):
    """The documents it offers, in its order."""
    catalogue = current_app.extensions["catalogue"]
    return [catalogue.get(slug) for slug in organisation.documents]


@bp.get("/")
def front_door(org):
    return render_template(
        "organisations/front_door.html", documents=documents_of(org), council=org.council
    )


@bp.get("/logo.<extension>")
def logo(org, extension):
    if extension != org.logo.extension:
        abort(404)
    response = current_app.response_class(org.logo.data, mimetype=org.logo.media_type)
    # An SVG opened on its own is a document: nothing in it may run or load anything.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response.headers["Content-Disposition"] = f'inline; filename="logo.{org.logo.extension}"'
    return response


def logo_url(organisation):
    return url_for(
        "organisations.logo", org=organisation.slug, extension=organisation.logo.extension
    )


def init_app(app):
    app.register_blueprint(bp)
    app.add_template_global(logo_url)
