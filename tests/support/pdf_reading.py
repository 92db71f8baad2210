"""Read a PDF back as a tagged-PDF reader would: glyphs per marked-content sequence.

Walks every page's content stream (and the form XObjects it draws, in the marked content
around the ``Do``) with pikepdf, keeping the stack of BDC/BMC … EMC sequences, and decodes
every text-showing operator through the font's /ToUnicode. Each shown string becomes a
``Shown``: page, the MCID that owns it (None outside tagged content), whether it lies in an
artifact, the font dictionary and the codes. Painting operators outside any sequence are
counted per page, so a test can demand that nothing is left untagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

TEMPLATES = ("full", "onepage", "jianbao")
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI"} | TEXT_OPERATORS


@dataclass
class Shown:
    page: int
    mcid: int | None
    artifact: bool
    font: pikepdf.Dictionary
    codes: bytes
    text: str
    render_mode: int = 0  # 0 fill; 2 fill and stroke (our fake bold)


@dataclass
class PageContent:
    shown: list[Shown] = field(default_factory=list)
    untagged_painting: list[str] = field(default_factory=list)  # operators outside any MC
    operators: set[str] = field(default_factory=set)
    max_q_depth: int = 0


_BFCHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def to_unicode_map(font: pikepdf.Dictionary) -> dict[int, str]:
    """/ToUnicode bfchar entries of a simple font: code → text."""
    if "/ToUnicode" not in font:
        return {}
    text = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in _BFCHAR.findall(block):
            out[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
    assert "beginbfrange" not in text  # ReportLab and we write bfchar only
    return out


class Reader:
    def __init__(self, path: Path) -> None:
        self.pdf = pikepdf.open(path)
        self._maps: dict[tuple[int, int], dict[int, str]] = {}
        self.pages = [self._page(index, page) for index, page in enumerate(self.pdf.pages)]

    def unicode_of(self, font: pikepdf.Dictionary) -> dict[int, str]:
        key = font.objgen
        if key not in self._maps:
            self._maps[key] = to_unicode_map(font)
        return self._maps[key]

    def _page(self, index: int, page: pikepdf.Page) -> PageContent:
        content = PageContent()
        self._walk(index, page.obj, page.obj.get("/Resources"), [], content, 0)
        return content

    def _walk(self, index, stream_owner, resources, marks, content, depth) -> None:  # noqa: ANN001
        font = None
        q_depth = depth
        render_modes = [0]  # the text render mode, saved and restored with q/Q
        for operands, operator in pikepdf.parse_content_stream(stream_owner):
            name = str(operator)
            content.operators.add(name)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = None
                if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    mcid = operands[1].get("/MCID")
                marks.append((tag, None if mcid is None else int(mcid)))
            elif name == "EMC":
                marks.pop()
            elif name == "q":
                q_depth += 1
                content.max_q_depth = max(content.max_q_depth, q_depth)
                render_modes.append(render_modes[-1])
            elif name == "Q":
                q_depth -= 1
                if len(render_modes) > 1:
                    render_modes.pop()
            elif name == "Tr":
                render_modes[-1] = int(operands[0])
            elif name == "Tf":
                font = resources.Font[operands[0]]
            elif name == "Do":
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == "/Form":
                    inner = xobject.get("/Resources", resources)
                    self._walk(index, xobject, inner, list(marks), content, q_depth)
                elif not marks:
                    content.untagged_painting.append("Do")
            if name in PAINTING and not marks:
                content.untagged_painting.append(name)
            if name in TEXT_OPERATORS:
                strings = operands[0] if name == "TJ" else operands[-1:]
                codes = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
                mapping = self.unicode_of(font)
                text = "".join(mapping.get(code, "\ufffd") for code in codes)
                artifact = any(tag == "/Artifact" for tag, _ in marks)
                mcid = next((m for _, m in reversed(marks) if m is not None), None)
                shown = Shown(index, mcid, artifact, font, codes, text, render_modes[-1])
                content.shown.append(shown)

    # --- structure ---------------------------------------------------------------------
    def element_texts(self) -> list[tuple[str, str]]:
        """(role, text) of every structure element with content, in tree order; the text
        of an element is that of its own marked content, in order."""
        return [(role, text) for role, text, _ in self.element_entries()]

    def element_entries(self) -> list[tuple[str, str, int]]:
        """(role, text, page index of its first content) of every element with content."""
        by_mark: dict[tuple[int, int], str] = {}
        for page, content in enumerate(self.pages):
            for shown in content.shown:
                if shown.mcid is not None and not shown.artifact:
                    key = (page, shown.mcid)
                    by_mark[key] = by_mark.get(key, "") + shown.text
        page_numbers = {page.objgen: index for index, page in enumerate(self.pdf.pages)}
        out: list[tuple[str, str, int]] = []

        def walk(element: pikepdf.Dictionary) -> None:
            kids = element.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            page = element.get("/Pg")
            text = ""
            for kid in kids:
                if isinstance(kid, int):
                    text += by_mark.get((page_numbers[page.objgen], int(kid)), "")
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    text += by_mark.get((page_numbers[kid.Pg.objgen], int(kid.MCID)), "")
            if text:
                out.append((str(element.S)[1:], text, page_numbers[page.objgen]))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(self.pdf.Root.StructTreeRoot.K)
        return out

    def elements(self) -> list[pikepdf.Dictionary]:
        out: list[pikepdf.Dictionary] = []

        def walk(element: pikepdf.Dictionary) -> None:
            out.append(element)
            kids = element.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(self.pdf.Root.StructTreeRoot.K)
        return out
