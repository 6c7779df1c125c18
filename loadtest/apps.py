"""The service as gunicorn serves it in the load test: `create_app` as wsgi.py calls it, reading
its settings from the environment the load test gives gunicorn, with the instance folder (and
so the default SQLite database) in the run's temporary folder instead of the project's."""

import os

from service import create_app

INSTANCE_VARIABLE = "LOADTEST_INSTANCE"


def service():
    return create_app(instance_path=os.environ[INSTANCE_VARIABLE])
