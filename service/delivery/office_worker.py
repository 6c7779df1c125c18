"""One warm LibreOffice, driven through UNO: run by a Python that can `import uno`.

The service starts this script (see office.py) with the Python that LibreOffice's UNO bridge
belongs to, usually not the service's own. It imports nothing from the project. It starts
LibreOffice headless with its own profile and pipe, in its own process group, and answers one
JSON line on stdout for each JSON line read on stdin:

    start:    {"ready": true} or {"ready": false, "error": "..."}
    request:  {"source": "/abs/in.docx", "target": "/abs/out.pdf"}
    answer:   {"ok": true} or {"ok": false, "dead": true|false, "error": "..."}

"dead" means LibreOffice itself is gone: the service starts a fresh one. When stdin closes
(the service stopped or died), the whole process group is killed, so no LibreOffice outlives
the service that started it.

    python office_worker.py SOFFICE FOLDER PIPE_NAME

FOLDER is this instance's own (its LibreOffice profile goes in FOLDER/profile): instances
sharing a profile fail silently.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:  # imported, never run, by a Python without UNO (the service's checks)
    uno = PropertyValue = NoConnectException = None

# Never run a document's macros, never update its links (they could fetch from the network).
NEVER_EXECUTE = 0
NO_UPDATE = 0


def properties(**values):
    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def start_office(program, folder, pipe):
    return subprocess.Popen(  # noqa: S603 (the configured LibreOffice, fixed arguments)
        [
            program,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            f"-env:UserInstallation={(Path(folder) / 'profile').as_uri()}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # stdout carries the protocol: nothing else may write there
        stderr=subprocess.DEVNULL,
    )


def connect(office, pipe):
    """The desktop of the office just started, once it accepts connections; None if it exits
    first. The service gives up (and kills this group) if that takes too long."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    while office.poll() is None:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            time.sleep(0.05)
            continue
        return context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
    return None


def convert(desktop, source, target):
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source),
        "_blank",
        0,
        properties(
            Hidden=True,
            ReadOnly=True,
            FilterName="MS Word 2007 XML",
            MacroExecutionMode=NEVER_EXECUTE,
            UpdateDocMode=NO_UPDATE,
        ),
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        # Tagged for screen readers; title and language come from the document itself.
        export = uno.Any("[]com.sun.star.beans.PropertyValue", properties(UseTaggedPDF=True))
        document.storeToURL(
            uno.systemPathToFileUrl(target),
            properties(FilterName="writer_pdf_Export", FilterData=export),
        )
    finally:
        document.close(True)


def warm_up(desktop, folder):
    """One conversion of an empty document, made here, so the filters are loaded before the
    first real request (which would otherwise take about four times as long as the rest)."""
    source = str(Path(folder) / "warm-up.docx")
    document = desktop.loadComponentFromURL(
        "private:factory/swriter", "_blank", 0, properties(Hidden=True)
    )
    try:
        document.storeToURL(
            uno.systemPathToFileUrl(source), properties(FilterName="MS Word 2007 XML")
        )
    finally:
        document.close(True)
    convert(desktop, source, str(Path(folder) / "warm-up.pdf"))


def alive(office, desktop):
    if office.poll() is not None:
        return False
    try:
        desktop.getComponents()
    except Exception:  # any failure of the bridge means the office is gone
        return False
    return True


def answer(**message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def serve(office, desktop):
    for line in sys.stdin:
        request = json.loads(line)
        if not alive(office, desktop):
            answer(ok=False, dead=True, error="LibreOffice is no longer running")
            return
        try:
            convert(desktop, request["source"], request["target"])
        except Exception as error:  # reported to the service, which decides what to do
            dead = not alive(office, desktop)
            # The kind of error only: a message could quote the document.
            answer(ok=False, dead=dead, error=type(error).__name__)
            if dead:
                return
        else:
            answer(ok=True)


def main():
    program, folder, pipe = sys.argv[1:4]
    # Lower priority for LibreOffice (it inherits it): while documents convert, the web pages
    # get the processor first, so they stay quick.
    os.nice(10)
    office = start_office(program, folder, pipe)
    try:
        desktop = connect(office, pipe)
        if desktop is None:
            answer(ready=False, error=f"it stopped at start (exit code {office.returncode})")
            return
        try:
            warm_up(desktop, folder)
        except Exception as error:  # reported to the service, which gives up on it
            answer(ready=False, error=f"its first conversion failed ({type(error).__name__})")
            return
        answer(ready=True)
        serve(office, desktop)
    finally:
        if os.getpgid(0) == os.getpid():
            # This script leads its process group (the service starts it in a new session), so
            # this takes LibreOffice and everything it started, and this script last.
            os.killpg(0, signal.SIGKILL)
        office.kill()


if __name__ == "__main__":
    main()
