"""Document tests need an app and a request for the step forms (FlaskForms), and the date
their letters are written on: a module's TODAY, if it sets one."""

import pytest
from flask import Flask

from service import dates


@pytest.fixture(autouse=True)
def request_context():
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_ENABLED=False)
    with app.test_request_context():
        yield


@pytest.fixture(autouse=True)
def frozen_today(request, monkeypatch):
    today = getattr(request.module, "TODAY", None)
    if today is not None:
        monkeypatch.setattr(dates, "today", lambda: today)
    return today
