"""DOCX → PDF through LibreOffice's UNO API, updating the tables of contents first.

Run by the system Python that ships LibreOffice's ``uno`` module (Debian's
``python3-uno``), never imported by kotacerdas itself:

    /usr/bin/python3 lo_convert.py SOFFICE OUTDIR FILE.docx [FILE.docx ...]

A plain ``soffice --convert-to pdf`` keeps the cached text of a Word TOC field;
loading the document through UNO lets us call ``update()`` on every index so the
PDF's table of contents lists the chapters with their page numbers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def _connect(pipe: str, proc: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 60
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("LibreOffice did not start") from None
            time.sleep(0.1)


def convert(soffice: str, outdir: str, files: list[str]) -> None:
    profile = tempfile.mkdtemp(prefix="kc-lo-")
    pipe = f"kotacerdas{os.getpid()}"
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        context = _connect(pipe, proc)
        desktop = context.ServiceManager.createInstanceWithContext(  # type: ignore[attr-defined]
            "com.sun.star.frame.Desktop", context
        )
        for path in files:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
            if doc is None:
                raise SystemExit(f"LibreOffice could not open {path}")
            indexes = doc.getDocumentIndexes()
            for _round in range(2):  # the second pass settles page numbers shifted by the first
                for i in range(indexes.getCount()):
                    indexes.getByIndex(i).update()
                doc.getTextFields().refresh()
            name = os.path.splitext(os.path.basename(path))[0] + ".pdf"
            target = uno.systemPathToFileUrl(os.path.join(os.path.abspath(outdir), name))
            doc.storeToURL(target, (_prop("FilterName", "writer_pdf_Export"),))
            doc.close(True)
        with contextlib.suppress(Exception):  # the bridge drops while LibreOffice exits
            desktop.terminate()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2], sys.argv[3:])
