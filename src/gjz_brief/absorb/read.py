"""Read an edited DOCX: each slot's text, the paragraphs added, tracked changes, comments.

The document is read from its XML, not through python-docx's ``paragraph.text``, which
skips runs inside ``w:ins``. Tracked changes (修订) are read as if accepted: inserted text
counts, deleted text (``w:delText``, ``w:moveFrom``) does not; each change is listed with
its author and date. Comments (批注) are listed with the text they are anchored to.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from lxml import etree

from gjz_brief.absorb.baseline import BOOKMARK_PREFIX, Baseline
from gjz_brief.errors import InputError, Location

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART_BYTES = 64 * 1024 * 1024
# Direct formatting a clerk may add; the content model holds none of it.
FORMATTING = {
    "b": "加粗",
    "i": "倾斜",
    "u": "下划线",
    "strike": "删除线",
    "dstrike": "双删除线",
    "highlight": "突出显示",
    "color": "字体颜色",
}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Revision:
    """A tracked change: inserted or deleted text, who made it and when."""

    kind: str  # "插入" or "删除"
    author: str
    date: str
    text: str
    where: str


@dataclass
class Comment:
    author: str
    date: str
    text: str
    anchored: str
    where: str


@dataclass
class ReadParagraph:
    """A body paragraph with text: a slot's (``slot`` its bookmark) or one added."""

    text: str
    slot: str = ""
    in_table: bool = False
    formatting: list[str] = field(default_factory=list)  # FORMATTING names found
    table: int = -1  # which body table it is in (in_table)
    heading: bool = False  # in a heading style (标题 1…): a new section's title, if added
    # (row, column) of its cell in the body table (in_table; row 0 the header row), or ()
    cell: tuple[int, ...] = ()


@dataclass
class EditedDocx:
    baseline: Baseline
    paragraphs: list[ReadParagraph]
    revisions: list[Revision]
    comments: list[Comment]
    drawings: int = 0  # pictures and charts in the body
    pictures: list[tuple[str, str]] = field(default_factory=list)  # (SHA-256, where)
    notes: int = 0  # footnotes and endnotes in the body (the briefing has none)
    # A native chart's first series, point by point, keyed by the slot (its caption) the
    # chart stands before.
    chart_values: dict[str, list[float | None]] = field(default_factory=dict)
    chart_names: dict[str, list[str]] = field(default_factory=dict)  # the categories

    def slot_texts(self) -> dict[str, ReadParagraph]:
        return {p.slot: p for p in self.paragraphs if p.slot}


def _part(archive: zipfile.ZipFile, name: str, display: str) -> etree._Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise InputError(
            f"{name} inside the file is {info.file_size} bytes, more than gjz-brief reads",
            Location(display),
        )
    try:
        return etree.fromstring(archive.read(info), _PARSER)
    except etree.XMLSyntaxError as error:
        raise InputError(
            f"{name} inside the file is not well-formed XML: {error}", Location(display)
        ) from None


def find_baseline(archive: zipfile.ZipFile) -> Baseline | None:
    """Our baseline among the custom XML parts (found by its namespace: an application may
    rename the part when it saves the file)."""
    for name in sorted(archive.namelist()):
        path = PurePosixPath(name)
        if path.parent.name != "customXml" or path.suffix != ".xml" or "Props" in path.name:
            continue
        info = archive.getinfo(name)
        if info.file_size > MAX_PART_BYTES:
            continue
        baseline = Baseline.from_xml(archive.read(info))
        if baseline is not None:
            return baseline
    return None


def _text_of(node: etree._Element) -> str:
    return "".join(t.text or "" for t in node.iter(w("t"), w("delText")))


class _Walker:
    """One pass over the body in document order."""

    def __init__(self, baseline: Baseline, heading_styles: set[str] | None = None) -> None:
        self.slots = baseline.by_name()
        self.heading_styles = heading_styles or set()
        self.paragraphs: list[ReadParagraph] = []
        self.revisions: list[Revision] = []
        self.open_comments: dict[str, list[str]] = {}
        self.comment_text: dict[str, str] = {}
        self.comment_where: dict[str, str] = {}
        self.where = "正文开头"
        self.drawings = 0
        self.table_count = 0
        self.images: list[tuple[str, str]] = []  # (relationship id, where)
        self.pending_bookmark = ""  # a bookmark Word put between paragraphs
        self.pending_charts: list[str] = []  # chart relationship ids before the next slot
        self.chart_slots: dict[str, str] = {}  # slot name → relationship id of its chart
        self.notes = 0  # footnotes and endnotes the clerk added
        self.cells: dict[etree._Element, tuple[int, int]] = {}  # the current table's w:tc

    def body(self, body: etree._Element) -> None:
        for node in body:
            self.block(node, in_table=False)

    def block(self, node: etree._Element, in_table: bool) -> None:
        if node.tag == w("p"):
            self.paragraph(node, in_table)
        elif node.tag == w("tbl"):
            if not in_table:
                self.table_count += 1
                self.cells = _cell_positions(node)
            for child in node.iter(w("p")):
                self.paragraph(child, True)
        elif node.tag == w("sdt"):
            content = node.find(w("sdtContent"))
            for child in content if content is not None else ():
                self.block(child, in_table)
        elif node.tag in (w("commentRangeStart"), w("commentRangeEnd")):
            self.comment_mark(node)
        elif node.tag == w("bookmarkStart") and node.get(w("name"), "") in self.slots:
            self.pending_bookmark = node.get(w("name"), "")

    def comment_mark(self, node: etree._Element) -> None:
        key = node.get(w("id"), "")
        if node.tag == w("commentRangeStart"):
            self.open_comments[key] = []
            self.comment_where[key] = self.where
        elif key in self.open_comments:
            self.comment_text[key] = "".join(self.open_comments.pop(key))

    def paragraph(self, paragraph: etree._Element, in_table: bool) -> None:
        slot_name, self.pending_bookmark = self.pending_bookmark, ""
        for start in paragraph.iter(w("bookmarkStart")):
            if slot_name:
                break
            name = start.get(w("name"), "")
            if name.startswith(BOOKMARK_PREFIX) and name in self.slots:
                slot_name = name
                break
        if slot_name:
            self.where = self.slots[slot_name].where
        parts: list[str] = []
        formatting: set[str] = set()
        self.inline(paragraph, parts, formatting, deleted=False)
        text = "".join(parts)
        if self.open_comments:
            for buffer in self.open_comments.values():
                buffer.append("\n")
        if slot_name and self.pending_charts:
            self.chart_slots[slot_name] = self.pending_charts[-1]
            self.pending_charts = []
        if slot_name or text.strip():
            style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
            style_id = style.get(w("val"), "") if style is not None else ""
            self.paragraphs.append(
                ReadParagraph(
                    text,
                    slot_name,
                    in_table,
                    sorted(formatting),
                    self.table_count if in_table else -1,
                    style_id in self.heading_styles,
                    self.cell_of(paragraph) if in_table else (),
                )
            )

    def cell_of(self, paragraph: etree._Element) -> tuple[int, ...]:
        """The (row, column) of the body table's cell holding ``paragraph`` (the outermost
        cell, when a table is nested in it), or () when it is in none."""
        found: tuple[int, ...] = ()
        for ancestor in paragraph.iterancestors(w("tc")):
            found = self.cells.get(ancestor, found)
        return found

    def inline(
        self, node: etree._Element, parts: list[str], formatting: set[str], deleted: bool
    ) -> None:
        for child in node:
            tag = child.tag
            if tag in (w("pPr"), w("rPr")):
                if tag == w("rPr"):
                    self.run_formatting(child, formatting)
                continue
            if tag in (w("ins"), w("del"), w("moveTo"), w("moveFrom")):
                gone = tag in (w("del"), w("moveFrom"))
                self.revisions.append(
                    Revision(
                        "删除" if gone else "插入",
                        child.get(w("author"), "（未署名）"),
                        child.get(w("date"), ""),
                        _text_of(child),
                        self.where,
                    )
                )
                self.inline(child, parts, formatting, deleted or gone)
            elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
                self.comment_mark(child)
            elif tag == w("t"):
                if not deleted:
                    self.add(parts, child.text or "")
            elif tag == w("tab") and not deleted:
                self.add(parts, "\t")
            elif tag in (w("br"), w("cr")) and not deleted and child.get(w("type")) != "page":
                self.add(parts, "\n")
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                self.notes += 1
            elif tag == w("drawing") or tag == w("pict"):
                self.drawings += 1
                for blip in child.iter(f"{{{A}}}blip"):
                    self.images.append((blip.get(f"{{{R}}}embed", ""), self.where))
                for chart in child.iter(f"{{{C}}}chart"):
                    self.pending_charts.append(chart.get(f"{{{R}}}id", ""))
            elif tag in (w("instrText"), w("delText"), w("delInstrText")) or tag == _FALLBACK:
                continue  # field codes, deleted text; mc:Fallback repeats mc:Choice
            else:
                self.inline(child, parts, formatting, deleted)

    def add(self, parts: list[str], text: str) -> None:
        parts.append(text)
        for buffer in self.open_comments.values():
            buffer.append(text)

    @staticmethod
    def run_formatting(properties: etree._Element, found: set[str]) -> None:
        for child in properties:
            name = etree.QName(child).localname
            if name not in FORMATTING:
                continue
            value = child.get(w("val"), "true")
            if value in ("false", "0", "none", "auto", "off"):
                continue
            if name == "color" and value in ("000000",):
                continue
            found.add(name)


def _cell_positions(table: etree._Element) -> dict[etree._Element, tuple[int, int]]:
    """Each cell of ``table`` (not of a table nested in it) → (row, column), counted as
    w:tr and w:tc elements (a merged w:gridSpan cell counts once)."""
    positions: dict[etree._Element, tuple[int, int]] = {}
    rows = [row for row in table.iter(w("tr")) if next(row.iterancestors(w("tbl"))) is table]
    for row_number, row in enumerate(rows):
        cells = [cell for cell in row.iter(w("tc")) if next(cell.iterancestors(w("tr"))) is row]
        for column, cell in enumerate(cells):
            positions[cell] = (row_number, column)
    return positions


def read_comments(archive: zipfile.ZipFile, display: str) -> dict[str, tuple[str, str, str]]:
    """Comment id → (author, date, text), from word/comments.xml."""
    root = _part(archive, "word/comments.xml", display)
    if root is None:
        return {}
    found = {}
    for comment in root.iter(w("comment")):
        texts = ["".join(t.text or "" for t in p.iter(w("t"))) for p in comment.iter(w("p"))]
        found[comment.get(w("id"), "")] = (
            comment.get(w("author"), "（未署名）"),
            comment.get(w("date"), ""),
            "\n".join(texts).strip(),
        )
    return found


def read_edited_docx(data: bytes, display: str) -> EditedDocx:
    """The edits of ``data`` (a DOCX built by gjz-brief); raises InputError when it is not a
    DOCX or carries no baseline (a file not built by gjz-brief, or by a version before
    absorb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            "the file is not a DOCX (not a zip package)",
            Location(display),
            "give the briefing.docx that gjz-brief built and a clerk edited",
        ) from None
    with archive:
        baseline = find_baseline(archive)
        if baseline is None:
            raise InputError(
                "the DOCX carries no gjz-brief baseline, so its edits cannot be told from "
                "what was built",
                Location(display),
                "absorb reads a briefing.docx built by this version of gjz-brief (or later); "
                "rebuild, make the edits in the new file and absorb that",
            )
        document = _part(archive, "word/document.xml", display)
        if document is None:
            raise InputError("the DOCX has no word/document.xml", Location(display))
        comments = read_comments(archive, display)
        targets = _relationship_targets(archive, display)
        names = set(archive.namelist())
        digests = {
            key: hashlib.sha256(archive.read(name)).hexdigest()
            for key, name in targets.items()
            if name in names and not name.startswith("word/charts/")
        }
        body = document.find(w("body"))
        walker = _Walker(baseline, _heading_styles(archive, display))
        if body is not None:
            walker.body(body)
        charts = {
            slot: _series(archive, targets.get(key, ""), display)
            for slot, key in walker.chart_slots.items()
            if slot in baseline.native_charts and targets.get(key, "") in names
        }
        chart_values = {slot: values for slot, (values, _) in charts.items()}
        chart_names = {slot: categories for slot, (_, categories) in charts.items()}
    listed = [
        Comment(
            author,
            date,
            text,
            walker.comment_text.get(key, "".join(walker.open_comments.get(key, []))).strip(),
            walker.comment_where.get(key, ""),
        )
        for key, (author, date, text) in comments.items()
    ]
    pictures = [(digests.get(key, ""), where) for key, where in walker.images]
    return EditedDocx(
        baseline,
        walker.paragraphs,
        walker.revisions,
        listed,
        walker.drawings,
        pictures,
        walker.notes,
        chart_values,
        chart_names,
    )


def _series(
    archive: zipfile.ZipFile, name: str, display: str
) -> tuple[list[float | None], list[str]]:
    """The first series' values and categories of a chart part, as its caches hold them
    (Word and LibreOffice update the caches when the chart's data is edited)."""
    root = _part(archive, name, display)
    series = root.find(f".//{{{C}}}ser") if root is not None else None
    if series is None:
        return [], []
    categories = [
        point.findtext(f"{{{C}}}v") or "" for point in series.findall(f"{{{C}}}cat//{{{C}}}pt")
    ]
    return _cached_numbers(series.find(f"{{{C}}}val//{{{C}}}numCache")), categories


def _cached_numbers(cache: etree._Element | None) -> list[float | None]:
    if cache is None:
        return []
    count_node = cache.find(f"{{{C}}}ptCount")
    count = int(count_node.get("val", "0")) if count_node is not None else 0
    values: list[float | None] = [None] * count
    for point in cache.findall(f"{{{C}}}pt"):
        index = int(point.get("idx", "-1"))
        value = point.find(f"{{{C}}}v")
        if 0 <= index < count and value is not None and value.text:
            try:
                values[index] = float(value.text)
            except ValueError:
                values[index] = None
    return values


def _heading_styles(archive: zipfile.ZipFile, display: str) -> set[str]:
    """The ids of the heading styles (Chinese Word names 标题 1 with the id "1"): by the
    style's name, "heading 1" to "heading 9", as Word, WPS and LibreOffice store it."""
    root = _part(archive, "word/styles.xml", display)
    found: set[str] = set()
    for style in root.iter(w("style")) if root is not None else ():
        name = style.find(w("name"))
        value = (name.get(w("val"), "") if name is not None else "").lower()
        if value.startswith("heading ") and value[8:].isdigit():
            found.add(style.get(w("styleId"), ""))
    return found


def _relationship_targets(archive: zipfile.ZipFile, display: str) -> dict[str, str]:
    """The main document's relationship id → part name inside the package."""
    root = _part(archive, "word/_rels/document.xml.rels", display)
    if root is None:
        return {}
    targets = {}
    for relation in root.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
        if relation.get("TargetMode") == "External":
            continue
        target = relation.get("Target", "")
        name = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("word", target))
        )
        targets[relation.get("Id", "")] = name
    return targets
