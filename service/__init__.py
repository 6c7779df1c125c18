"""The engine: a Flask service that turns guided answers into Word documents.

It knows no document of its own: `create_app` is handed a catalogue of document types and the
folder of their Word templates. Without them it takes those its configuration names
(`CATALOGUE`, by default the `forms` package's, and `DOCX_TEMPLATES`, by default the
`templates_docx` folder installed beside it).
"""

import os
from importlib.resources import files
from pathlib import Path

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.utils import import_string

from service import database, static_files
from service.config import config_from_environment, environment_overrides
from service.extensions import csrf, make_limiter


def create_app(
    config_class=None, *, catalogue=None, templates=None, environ=None, instance_path=None,
    **overrides,
):  # fmt: skip
    """Build the app.

    `catalogue`: the document types it offers; `templates`: the folder of their Word templates.
    `environ`: where settings are read from (the process environment unless given; tests give
    an empty one). `overrides`: config values that win over everything (tests, bench).
    """
    environ = os.environ if environ is None else environ
    config_class = config_class or config_from_environment(environ)
    app = Flask(
        __name__, static_folder="static", static_url_path="/assets", instance_path=instance_path
    )
    app.config.from_object(config_class)
    app.config.update(environment_overrides(environ))
    app.config.update(overrides)
    config_class.prepare(app)

    app.jinja_options = {**app.jinja_options, "trim_blocks": True, "lstrip_blocks": True}
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("service"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    if app.config["TRUSTED_PROXIES"]:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"], x_proto=1, x_host=1
        )

    database.init_app(app)  # the drafts database and `flask db` (migrations)
    app.extensions["rate_limiter"] = make_limiter()
    app.extensions["rate_limiter"].init_app(app)  # before CSRF: floods are refused cheaply
    csrf.init_app(app)
    WTFormsHelpers(app)

    from service import api, cases, cli, device, drafts, journey, organisations, pages, security
    from service.bulk import views as bulk_views
    from service.catalogue import Catalogue
    from service.delivery import mail, pdf
    from service.rendering import DocumentRenderer

    templates = Path(templates or app.config["DOCX_TEMPLATES"] or files("templates_docx"))
    # The organisations beside the service offer its own documents: an app handed a catalogue
    # of its own reads organisations only from a folder named for it.
    own_organisations = catalogue is None
    if catalogue is None:
        catalogue = import_string(app.config["CATALOGUE"])
    app.extensions["catalogue"] = Catalogue(catalogue, templates)
    app.extensions["renderer"] = DocumentRenderer(templates)
    security.init_app(app)
    static_files.init_app(app)  # fingerprinted asset URLs
    pdf.init_app(app)
    mail.init_app(app)
    drafts.init_app(app)
    device.init_app(app)
    pages.init_app(app)
    # Before the journey: branding wraps the addresses it builds.
    organisations.init_app(app, default_folder=own_organisations)
    journey.init_app(app)
    cases.init_app(app)
    bulk_views.init_app(app)
    api.init_app(app)
    cli.init_app(app)
    return app
