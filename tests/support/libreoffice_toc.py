"""Run by Debian's /usr/bin/python3 (python3-uno), not the project's venv.

python3 libreoffice_toc.py FILE.docx PROFILE_DIR

Starts a headless LibreOffice listening on a private pipe, opens FILE.docx, prints the
contents (the first document index) as stored in the file, then asks LibreOffice to update
the index from its own layout and prints it again: one JSON object
{"stored": [...lines], "updated": [...lines]} on stdout.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def _property(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def _index_lines(index: object) -> list[str]:
    text = index.getAnchor().getString()
    return [line for line in text.replace("\r", "\n").split("\n") if line.strip()]


def main(path: str, profile: str) -> int:
    pipe = f"gjz_toc_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        deadline = time.monotonic() + 60
        while context is None:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except Exception:
                if time.monotonic() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.2)
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
        try:
            indexes = document.getDocumentIndexes()
            if indexes.getCount() == 0:
                print(json.dumps({"stored": [], "updated": []}))
                return 0
            index = indexes.getByIndex(0)
            stored = _index_lines(index)
            document.getCurrentController()  # make sure the layout exists
            index.update()
            updated = _index_lines(index)
            print(json.dumps({"stored": stored, "updated": updated}, ensure_ascii=False))
        finally:
            document.close(True)
        with contextlib.suppress(Exception):  # the bridge goes down with the office
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
