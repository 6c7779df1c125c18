"""Flask extensions, created unbound so blueprints can import them without the app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
csrf = CSRFProtect()
# No default limits: each blueprint states its own (see RATELIMIT_API and RATELIMIT_FORMS).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
