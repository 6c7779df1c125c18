"""The Word templates of the documents in `forms`, one per document, named by its slug.

Made reproducibly by `python -m scripts.docx_templates`; a package only so that installing
the project installs them too.
"""
