"""The app the benchmark measures: an in-memory database and throwaway secrets."""

from cryptography.fernet import Fernet

from service.config import Config


class BenchConfig(Config):
    SECRET_KEY = "bench-secret-key-that-is-long-enough-for-anything"  # noqa: S105
    DRAFT_ENCRYPTION_KEYS = Fernet.generate_key().decode()
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SESSION_COOKIE_SECURE = False
