"""`make loadtest`: the service under a bounded load from wrk, in gunicorn on loopback, in the
production configuration, beside a minimal Flask app doing plain docxtpl in the same setup.
Run as `python -m loadtest` (`--help` lists the options)."""
