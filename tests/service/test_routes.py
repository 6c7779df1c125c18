"""Every URL the service answers, so none appears or disappears without a decision."""

EXPECTED = {
    ("/", "pages.start", "GET"),
    ("/privacy", "pages.privacy", "GET"),
    ("/accessibility", "pages.accessibility", "GET"),
    ("/cookies", "pages.cookies", "GET"),
    ("/assets/<path:filename>", "static", "GET"),
    ("/documents/<slug>/", "journey.start", "GET"),
    ("/documents/<slug>/<step>", "journey.step", "GET,POST"),
    ("/documents/<slug>/check-answers", "journey.check", "GET"),
    ("/documents/<slug>/done", "journey.done", "GET"),
    ("/documents/<slug>/download", "journey.download", "GET"),
    ("/documents/<slug>/download.pdf", "journey.download_pdf", "GET"),
    ("/documents/<slug>/email", "journey.email", "GET,POST"),
    ("/documents/<slug>/blank", "journey.blank", "GET"),
    ("/documents/<slug>/delete", "journey.delete", "GET,POST"),
    ("/documents/<slug>/deleted", "journey.deleted", "GET"),
    ("/api/v1/documents", "api.documents", "GET"),
    ("/api/v1/documents/<slug>/example", "api.example", "GET"),
    ("/api/v1/documents/<slug>", "api.produce", "POST"),
}


def test_route_snapshot(app):
    routes = {
        (
            rule.rule,
            rule.endpoint,
            ",".join(sorted(rule.methods - {"HEAD", "OPTIONS"})),
        )
        for rule in app.url_map.iter_rules()
    }
    assert routes == EXPECTED
