"""Getting a finished document to the user: download always; email and PDF build on it."""
