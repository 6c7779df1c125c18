"""Build the Word templates in templates_docx/ from code, so each is reproducible and its
wording and layout can be reviewed in a diff. Each module here with a NAME and a build()
makes one template; run them all (or name some) with:

    .venv/bin/python -m scripts.docx_templates [concern-letter.docx ...]

The output is byte-for-byte the same on every run (fixed zip timestamps and properties).
"""

import importlib
import pkgutil


def builders():
    """{file name: build function} for every template module in this package."""
    found = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        if hasattr(module, "NAME") and hasattr(module, "build"):
            found[module.NAME] = module.build
    return found
