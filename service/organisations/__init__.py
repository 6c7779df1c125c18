"""Advice services using this copy: each one's front door, branding, pack and figures.

An organisation is one TOML file (and its logo) in ORGANISATIONS_DIR, read and checked at
start-up (registry.py). `/o/<org>/` is its front door (views.py); journeys started there keep
its brand to the end (branding.py); `/o/<org>/pack` gives its template pack (packs.py); its
usage is counted without personal data and shown behind a secret link (usage.py).
"""

from pathlib import Path

from service.organisations import registry


def organisations_folder(app, *, default_folder=True):
    """ORGANISATIONS_DIR; else the `organisations` folder beside the service's package, or
    None with `default_folder` False."""
    configured = app.config.get("ORGANISATIONS_DIR")
    if configured:
        folder = Path(configured)
        if not folder.is_dir():
            raise registry.OrganisationFileError(
                folder, "", "ORGANISATIONS_DIR names a folder that does not exist"
            )
        return folder
    return Path(app.root_path).parent / "organisations" if default_folder else None


def init_app(app, *, default_folder=True):
    from service.organisations import (  # noqa: PLC0415 (they import this package's registry)
        branding,
        figures,
        leaflet,
        pack_views,
        views,
    )

    offered = [document.slug for document in app.extensions["catalogue"]]
    folder = organisations_folder(app, default_folder=default_folder)
    app.extensions["organisations"] = registry.load_folder(folder, offered) if folder else {}
    views.init_app(app)
    leaflet.init_app(app)
    pack_views.init_app(app)
    figures.init_app(app)
    branding.init_app(app)
