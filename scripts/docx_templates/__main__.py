import sys

from scripts.docx_templates import builders
from scripts.docx_templates.styles import TEMPLATES_DIR, save_reproducibly


def main(names):
    TEMPLATES_DIR.mkdir(exist_ok=True)
    for name, build in sorted(builders().items()):
        if names and name not in names:
            continue
        path = TEMPLATES_DIR / name
        save_reproducibly(build(), path)
        sys.stdout.write(f"wrote {path.relative_to(TEMPLATES_DIR.parent)}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
