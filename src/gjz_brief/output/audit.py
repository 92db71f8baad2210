"""The figure audit: the figures the PDF and the DOCX print, read back from the files, are
the manifest's figures.

For every figure the document prints (in text, tables, key-figure tiles), its printed form
(the manifest's ``text``, e.g. “50余家”, and its target, “力争突破200家”) must be found in
each file's text as many times as the document tree prints it; and every manifest record
must say its own value (the text “超42亿元” read back is 42 with 超 — content.numerals). A
figure lost, cut or garbled on its way into a file (a clipped table cell, a wrong glyph, a
stale wording) stops the build before anything is published.

Charts are not counted in the body text (the PDF's chart text is read, so it only adds to
what is found; the DOCX's chart tables likewise). The DOCX's native charts print their
figures as data labels — a number format over the cached value (0"余家" over 50) or label
text — so each native chart's labels, read back from its chart part, must be the labels the
document tree gives its points (``NumericChart``), in order.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from gjz_brief.content.formatting import format_target
from gjz_brief.content.model import Plan
from gjz_brief.content.numerals import read_wording, wording_value
from gjz_brief.document import tree
from gjz_brief.errors import RenderError

_WHITESPACE = re.compile(r"\s+")
_PAGE_LABEL = re.compile(r"—\s*\d+\s*—")
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Printed:
    """A figure's printed form and how often the document prints it."""

    figure_id: str
    text: str
    count: int


@dataclass(frozen=True)
class AuditFinding:
    """A printed form found fewer times in a file than the document prints it."""

    figure_id: str
    file: str
    text: str
    expected: int
    found: int

    def __str__(self) -> str:
        return (
            f"{self.file}: figure {self.figure_id!r} is printed {self.expected} time(s) as "
            f"“{self.text}” in the document, but the file holds it {self.found} time(s)"
        )


def _compact(text: str) -> str:
    return _WHITESPACE.sub("", text)


def visible_texts(document: tree.Document) -> list[str]:
    """The texts a reader sees in the body (a figure's alt text is not printed)."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, tree.FigureBlock):
            texts.append(block.caption)
        else:
            texts.extend(tree.block_texts(block))
    return texts


def printed_figures(
    document: tree.Document, figures: Mapping[str, Mapping[str, Any]], targets: Mapping[str, str]
) -> list[Printed]:
    """Each figure's printed forms (manifest text, target text) with their counts in the tree."""
    texts = [_compact(text) for text in visible_texts(document)]
    found: list[Printed] = []
    for figure_id, record in figures.items():
        for text in (record.get("text", ""), targets.get(figure_id, "")):
            compact = _compact(text)
            count = sum(each.count(compact) for each in texts) if compact else 0
            if count:
                found.append(Printed(figure_id, compact, count))
    return found


def manifest_problems(figures: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Manifest records whose printed text does not say their value and qualifier."""
    problems: list[str] = []
    for figure_id, record in figures.items():
        text, unit = str(record.get("text", "")), str(record.get("unit", ""))
        if unit and not text.endswith(unit):
            problems.append(f"figure {figure_id!r}: the text “{text}” lacks its unit “{unit}”")
            continue
        wording = read_wording(text[: len(text) - len(unit)] if unit else text)
        value, qualifier = record.get("value"), record.get("qualifier", "")
        if (
            wording is None
            or not isinstance(value, (int, float))
            or wording.value != wording_value(float(value))
            or wording.qualifier != qualifier
        ):
            problems.append(
                f"figure {figure_id!r}: the text “{text}” does not say the value "
                f"{value}{qualifier}{unit}"
            )
    return problems


def docx_text(data: bytes) -> str:
    """The text of a DOCX body: every w:t, paragraph by paragraph."""
    with zipfile.ZipFile(_bytes_file(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    lines = []
    for paragraph in root.iter(_WORD + "p"):
        lines.append("".join(node.text or "" for node in paragraph.iter(_WORD + "t")))
    return "\n".join(lines)


def pdf_text(data: bytes, furniture: tuple[str, ...] = ()) -> str:
    """The text of a PDF, pages joined without their running header and page numbers, so a
    figure broken over a page still reads as one."""
    from gjz_brief.output.pdf_text import pdf_pages_text

    pages = []
    for page in pdf_pages_text(data):
        page = _PAGE_LABEL.sub("", page)
        for text in furniture:
            if text:
                page = page.replace(text, "")
        pages.append(page)
    return "".join(pages)


_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_NUMBER_FORMAT = re.compile(r'(?:"([^"]*)")?0(?:\.(0+))?(?:"([^"]*)")?')


def format_label(code: str, value: float) -> str | None:
    """A value under one of the number formats the DOCX writes ("超"0"亿元", 0.00"%"); None
    for any other format (which the audit then reports)."""
    match = _NUMBER_FORMAT.fullmatch(code)
    if match is None:
        return None
    prefix, decimals, suffix = match.groups()
    return f"{prefix or ''}{value:.{len(decimals or '')}f}{suffix or ''}"


def docx_chart_labels(data: bytes) -> list[list[str]]:
    """Each native chart's data labels as Word prints them, chart by chart in file order."""
    charts: list[list[str]] = []
    with zipfile.ZipFile(_bytes_file(data)) as package:
        names = sorted(
            (n for n in package.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)),
            key=lambda n: int(re.sub(r"\D", "", n)),
        )
        for name in names:
            root = ElementTree.fromstring(package.read(name))
            labels: list[str] = []
            for series in root.iter(_CHART + "ser"):
                cache = {
                    point.get("idx"): point.findtext(_CHART + "v") or ""
                    for point in series.iterfind(
                        f"{_CHART}val/{_CHART}numRef/{_CHART}numCache/{_CHART}pt"
                    )
                }
                for label in series.iterfind(f"{_CHART}dLbls/{_CHART}dLbl"):
                    index = label.find(_CHART + "idx")
                    key = index.get("val") if index is not None else None
                    number_format = label.find(_CHART + "numFmt")
                    if number_format is not None and key in cache:
                        code = number_format.get("formatCode", "")
                        printed = format_label(code, float(cache[key]))
                        labels.append(printed if printed is not None else f"<{code}>")
                    else:
                        labels.append("".join(t.text or "" for t in label.iter(_DRAWING + "t")))
            charts.append(labels)
    return charts


def chart_label_problems(document: tree.Document, data: bytes, file: str) -> list[str]:
    """Native charts whose labels read back differ from the tree's (numbers are sacred)."""
    expected = [
        [point.label for point in block.content.points]
        for block in document.figures()
        if isinstance(block.content, tree.NumericChart)
    ]
    found = docx_chart_labels(data)
    if len(found) != len(expected):
        return [f"{file}: {len(found)} native chart(s), the document has {len(expected)}"]
    return [
        f"{file}: a native chart prints {'、'.join(got)}, the content {'、'.join(want)}"
        for want, got in zip(expected, found, strict=True)
        if [_compact(t) for t in got] != [_compact(t) for t in want]
    ]


def _bytes_file(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def audit_text(text: str, printed: list[Printed], file: str) -> list[AuditFinding]:
    compact = _compact(text)
    findings = []
    for item in printed:
        count = compact.count(item.text)
        if count < item.count:
            findings.append(AuditFinding(item.figure_id, file, item.text, item.count, count))
    return findings


def audit_outputs(
    document: tree.Document,
    figures: Mapping[str, Mapping[str, Any]],
    targets: Mapping[str, str],
    outputs: Mapping[str, bytes],
) -> list[str]:
    """Every disagreement between the files' printed figures and the manifest (empty: none).

    ``outputs`` maps file names (briefing.pdf, briefing.docx) to their bytes.
    """
    problems = manifest_problems(figures)
    printed = printed_figures(document, figures, targets)
    furniture = (document.meta.header,)
    for name, data in outputs.items():
        if name.endswith(".pdf"):
            text = pdf_text(data, furniture)
        elif name.endswith(".docx"):
            text = docx_text(data)
            problems += chart_label_problems(document, data, name)
        else:
            continue
        problems += [str(finding) for finding in audit_text(text, printed, name)]
    return problems


def check_printed_figures(
    document: tree.Document,
    plan: Plan,
    figures: Mapping[str, Mapping[str, Any]],
    outputs: Mapping[str, bytes],
) -> None:
    """Raise RenderError (nothing is published) when a file does not print the manifest's
    figures (``figures``: content.formatting.figure_records) as the document does."""
    targets = {f.id: format_target(f) for f in plan.figures if f.target is not None}
    problems = audit_outputs(document, figures, targets, outputs)
    if problems:
        raise RenderError(
            "the figure audit found printed figures that differ from the content:\n  "
            + "\n  ".join(problems[:10]),
            hint="this is a fault of gjz-brief, not of the content: please report it; the "
            "previous outputs are unchanged",
        )
