"""Document tests need an app and a request for the step forms (FlaskForms), nothing more."""

import pytest
from flask import Flask


@pytest.fixture(autouse=True)
def request_context():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    with app.test_request_context():
        yield
