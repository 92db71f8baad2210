"""What the DOCX said when it was built, carried inside the DOCX for ``gjz-brief absorb``.

Every text of the briefing that comes from the content is a *slot*: a section heading, a
paragraph, a key message, the editor's note, a table's caption and cells, a chart's caption,
a key-figure tile. The DOCX wraps each slot's paragraph in a hidden bookmark (``_GJZ<n>``,
the leading underscore hides it as Word hides its own ``_Toc…``), and carries a custom XML
part with this baseline: for each slot its content path, the text as built and the
content's text at build time (with ``{{id}}``), and each figure as printed. Bookmarks and
custom XML parts are what Word, WPS and LibreOffice keep when they save a file (LibreOffice
drops a content control's tag: tests/absorb/test_libreoffice.py).

Texts the content model does not hold as such (the appendix' generated paragraphs, a
period made from a date) are slots of kind ``generated``: an edit there is reported as not
absorbed, never lost silently.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from lxml import etree

from gjz_brief.content.formatting import REFERENCE, format_figure, format_reference
from gjz_brief.content.model import Figure, Plan
from gjz_brief.document import tree

BASELINE_NAMESPACE = "urn:gjz-brief:baseline"
BASELINE_VERSION = 1
BOOKMARK_PREFIX = "_GJZ"
INFERRED_SUFFIX = "（推断）"

SlotKind = Literal["text", "figure", "generated"]


@dataclass(frozen=True)
class Slot:
    """One text of the DOCX and where it came from.

    ``expected``: the paragraph's whole text as written (label, prefix and all) — how the
    writer finds the paragraph to bookmark. ``built``: the part that maps to the content
    (``expected`` without ``prefix`` and ``suffix``). ``source``: the content's value at
    ``path`` when built (text with ``{{id}}``; for a figure, its id). ``where``: the place
    in the document a reader finds it (section title and paragraph number).
    """

    name: str
    block: int
    kind: SlotKind
    path: tuple[str | int, ...]
    expected: str
    built: str
    source: str = ""
    prefix: str = ""
    suffix: str = ""
    where: str = ""
    label: str = ""  # a generated label before the text: "一、", "（1）", "表1　"
    group: str = ""  # slots of one table or list: a deleted table is told as such
    section: int = -1  # the content section (Plan.sections index) it stands in, if any
    # The figures cited in ``built``: [start, end, figure id, part] ({{id:part}}).
    spans: list[list[Any]] = field(default_factory=list)
    # A table cell's [row, column] in the DOCX table (row 0 the header row), or []: a cell
    # whose bookmark was lost (its whole text typed over) is found by its place.
    cell: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class FigureRecord:
    """A figure as the DOCX printed it."""

    id: str
    index: int
    value: float
    text: str
    qualifier: str
    unit: str
    printed: str | None
    name: str


@dataclass
class Baseline:
    template: str
    slots: list[Slot] = field(default_factory=list)
    figures: dict[str, FigureRecord] = field(default_factory=dict)
    sections: list[str] = field(default_factory=list)  # section ids in the built order
    # Chart id → SHA-256 of the picture the DOCX placed for it (a replaced one is told).
    pictures: dict[str, str] = field(default_factory=dict)
    # A native chart's figures, point by point (none for a progress chart), keyed by its
    # caption slot's name: a value edited in Word's chart data is that figure edited.
    native_charts: dict[str, list[str]] = field(default_factory=dict)
    # Each native chart's first series as built (a progress chart's shares too), so an
    # edit of data that cannot come back is told.
    native_values: dict[str, list[float]] = field(default_factory=dict)
    native_names: dict[str, list[str]] = field(default_factory=dict)  # the categories

    def by_name(self) -> dict[str, Slot]:
        return {slot.name: slot for slot in self.slots}

    def slots_of_block(self, block: int) -> list[Slot]:
        return [slot for slot in self.slots if slot.block == block]

    def xml_of_marked(self, names: Collection[str]) -> bytes:
        """The XML of this baseline with only the slots whose bookmark the writer placed."""
        kept = set(names)
        return replace(
            self,
            slots=[slot for slot in self.slots if slot.name in kept],
            native_charts={k: v for k, v in self.native_charts.items() if k in kept},
            native_values={k: v for k, v in self.native_values.items() if k in kept},
            native_names={k: v for k, v in self.native_names.items() if k in kept},
        ).to_xml()

    def to_xml(self) -> bytes:
        """The custom XML part: the baseline as JSON inside one element."""
        data = {
            "version": BASELINE_VERSION,
            "template": self.template,
            "sections": self.sections,
            # ``expected`` is label + prefix + built + suffix: not stored twice.
            "slots": [
                {key: value for key, value in asdict(slot).items() if key != "expected"}
                for slot in self.slots
            ],
            "figures": {key: asdict(value) for key, value in sorted(self.figures.items())},
            "pictures": dict(sorted(self.pictures.items())),
            "native_charts": dict(sorted(self.native_charts.items())),
            "native_values": dict(sorted(self.native_values.items())),
            "native_names": dict(sorted(self.native_names.items())),
        }
        root = etree.Element(f"{{{BASELINE_NAMESPACE}}}baseline", nsmap={None: BASELINE_NAMESPACE})
        root.set("version", str(BASELINE_VERSION))
        root.text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))

    @classmethod
    def from_xml(cls, data: bytes) -> Baseline | None:
        """The baseline of a custom XML part, or None when the part is not ours."""
        try:
            root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
        if root.tag != f"{{{BASELINE_NAMESPACE}}}baseline" or not root.text:
            return None
        try:
            raw = json.loads(root.text)
        except ValueError:
            return None
        if not isinstance(raw, dict) or raw.get("version") != BASELINE_VERSION:
            return None
        return cls(
            template=str(raw.get("template", "")),
            slots=[_slot(item) for item in raw.get("slots", [])],
            figures={key: _figure(item) for key, item in raw.get("figures", {}).items()},
            sections=[str(item) for item in raw.get("sections", [])],
            pictures={str(key): str(value) for key, value in raw.get("pictures", {}).items()},
            native_charts={
                str(key): [str(item) for item in value]
                for key, value in raw.get("native_charts", {}).items()
            },
            native_values={
                str(key): [float(item) for item in value]
                for key, value in raw.get("native_values", {}).items()
            },
            native_names={
                str(key): [str(item) for item in value]
                for key, value in raw.get("native_names", {}).items()
            },
        )


def _slot(item: dict[str, Any]) -> Slot:
    values = dict(item)
    values["path"] = tuple(values.get("path", ()))
    values["expected"] = "".join(
        str(values.get(key, "")) for key in ("label", "prefix", "built", "suffix")
    )
    return Slot(**values)


def _figure(item: dict[str, Any]) -> FigureRecord:
    return FigureRecord(**item)


def value_at(plan: Plan, path: tuple[str | int, ...]) -> Any:
    """The content's value at a field path (``("sections", 2, "title")``), or None."""
    value: Any = plan
    for step in path:
        if isinstance(step, int):
            if not isinstance(value, list) or not 0 <= step < len(value):
                return None
            value = value[step]
        else:
            value = getattr(value, step, None)
        if value is None:
            return None
    return value


class _Maker:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.slots: list[Slot] = []
        self.section = ""
        self.section_index = -1
        self.paragraph_number = 0
        self.figures = plan.figures_by_id()
        self.native_charts: dict[str, list[str]] = {}
        self.native_values: dict[str, list[float]] = {}
        self.native_names: dict[str, list[str]] = {}

    def add(
        self,
        block: int,
        kind: SlotKind,
        path: tuple[str | int, ...],
        expected: str,
        *,
        prefix: str = "",
        suffix: str = "",
        label: str = "",
        where: str = "",
        group: str = "",
        cell: list[int] | None = None,
    ) -> None:
        if not expected.strip():
            return  # an empty cell or line: nothing a clerk edits in place
        # Only what is really there counts: expected == label + prefix + built + suffix.
        label = label if expected.startswith(label) else ""
        built = expected[len(label) :]
        prefix = prefix if built.startswith(prefix) else ""
        built = built[len(prefix) :]
        suffix = suffix if suffix and built.endswith(suffix) else ""
        built = built[: len(built) - len(suffix)]
        source = ""
        spans: list[list[Any]] = []
        if kind == "text":
            value = value_at(self.plan, path)
            if not isinstance(value, str):
                kind, source = "generated", ""
            else:
                source = value
                spans = self.spans(source)
        elif kind == "figure":
            figure = value_at(self.plan, path[:2])
            source = figure.id if isinstance(figure, Figure) else ""
        self.slots.append(
            Slot(
                name=f"{BOOKMARK_PREFIX}{len(self.slots) + 1}",
                block=block,
                kind=kind,
                path=path if kind != "generated" else (),
                expected=expected,
                built=built,
                source=source,
                prefix=prefix,
                suffix=suffix,
                where=where or self.where(),
                label=label,
                group=group,
                section=self.section_index,
                spans=spans,
                cell=list(cell or []),
            )
        )

    def spans(self, source: str) -> list[list[Any]]:
        """Where each {{id}} of ``source`` stands in its resolved text."""
        found: list[list[Any]] = []
        shift = 0
        for match in REFERENCE.finditer(source):
            figure = self.figures.get(match.group(1))
            if figure is None:
                continue
            text = format_reference(figure, match.group(2))
            start = match.start() + shift
            found.append([start, start + len(text), figure.id, match.group(2) or "full"])
            shift += len(text) - (match.end() - match.start())
        return found

    def meta(self, index: int, name: str, text: str, where: str, group: str) -> None:
        self.field(index, ("meta", name), text, where, group)

    def field(
        self, index: int, path: tuple[str | int, ...], text: str, where: str, group: str
    ) -> None:
        """A text printed from a content field as it is (the cover's title, a chart's
        title): the field's slot; composed from it otherwise, generated."""
        kind: SlotKind = "text" if path and value_at(self.plan, path) == text else "generated"
        self.add(index, kind, path, text, where=where, group=group)

    def figure_of(self, point: tree.ChartPoint) -> str:
        """The figure a native chart's point draws (its name and value), or ""."""
        for figure in self.plan.figures:
            if figure.name == point.name and figure.value == point.value:
                return figure.id
        return ""

    def chart_content(self, index: int, block: tree.FigureBlock) -> None:
        """The texts of a chart the DOCX writes as a table (render/docx/chart_tables.py),
        in the order it writes them: the tiles, the timeline's rows or the frameworks'
        names, groups and fields (no title row: the caption is the chart's title)."""
        content = block.content
        if not isinstance(content, (tree.KeyFiguresChart, tree.TimelineChart, tree.StructureChart)):
            return
        group, where = f"chart{index}", f"图{block.number}"
        if isinstance(content, tree.KeyFiguresChart):
            for number, tile in enumerate(content.tiles, start=1):
                at = f"{where}第{number}项（{tile.label}）"
                if tile.figure_index is None:
                    for text in (tile.value, tile.label, tile.note):
                        self.add(index, "generated", (), text, where=at, group=group)
                    continue
                self.add(index, "figure", ("figures", tile.figure_index, "value"), tile.value,
                         where=at, group=group)  # fmt: skip
                self.field(index, ("figures", tile.figure_index, "name"), tile.label, at, group)
                self.add(index, "generated", (), tile.note, where=at, group=group)
        elif isinstance(content, tree.TimelineChart):
            for column in range(3):  # the years, then the labels, then the goals
                for year, label, goal in content.milestones:
                    text = (year, label, goal)[column]
                    path = self.milestone(year, label, goal, column)
                    self.field(index, path, text, f"{where}（{year}）", group)
        else:
            for name, groups in content.frameworks:
                self.add(index, "generated", (), name, where=where, group=group)
                for group_name, _ in groups:
                    self.add(index, "generated", (), group_name, where=where, group=group)
                for _, fields in groups:
                    for text in fields:
                        self.add(index, "generated", (), text, where=where, group=group)

    def milestone(self, year: str, label: str, goal: str, column: int) -> tuple[str | int, ...]:
        """The milestone field a timeline cell prints as it is (its label), or ()."""
        if column != 1:
            return ()  # the year and the goal as the chart words them are composed
        for number, milestone in enumerate(self.plan.milestones):
            if f"{milestone.year}年" == year and milestone.label == label:
                return ("milestones", number, "label")
        return ()

    def where(self) -> str:
        place = f"「{self.section}」" if self.section else "正文开头"
        return f"{place}第{self.paragraph_number}段" if self.paragraph_number else place

    def block(self, index: int, block: tree.Block) -> None:
        if isinstance(block, tree.Cover):
            self.meta(index, "title", block.title, "封面", "cover")
            self.meta(index, "subtitle", block.subtitle, "封面", "cover")
            self.meta(index, "issuer", block.issuer, "封面", "cover")
            self.add(index, "generated", (), block.date_text, where="封面", group="cover")
        elif isinstance(block, tree.Masthead):
            self.add(index, "generated", (), block.classification, where="报头", group="masthead")
            name = "bulletin_name" if self.plan.meta.bulletin_name else "title"
            self.meta(index, name, block.bulletin_name, "报头", "masthead")
            self.add(index, "generated", (), block.issue_text, where="报头", group="masthead")
            line = f"{block.issuer}\t{block.date_text}"
            self.add(index, "generated", (), line, where="报头", group="masthead")
        elif isinstance(block, tree.TableOfContents):
            # The entries after the title are the contents field: not marked, not read.
            self.add(index, "generated", (), block.title, where="目录", group="toc")
        elif isinstance(block, tree.Heading):
            if block.level == 1:
                self.section, self.paragraph_number = block.full_text, 0
                origin = block.origin
                self.section_index = (
                    int(origin[1]) if len(origin) == 3 and origin[0] == "sections" else -1
                )
            kind: SlotKind = "text" if block.origin else "generated"
            self.add(
                index, kind, block.origin, block.full_text, label=block.number, where=self.where()
            )
        elif isinstance(block, tree.Title):
            self.add(index, "text" if block.origin else "generated", block.origin, block.text)
            self.add(index, "generated", (), block.subtitle, where="标题")
        elif isinstance(block, tree.Paragraph):
            self.paragraph_number += 1
            kind = "text" if block.origin else "generated"
            self.add(index, kind, block.origin, block.text, prefix=block.prefix)
        elif isinstance(block, tree.BulletList):
            for number, item in enumerate(block.items, start=1):
                self.paragraph_number += 1
                origin = block.origins[number - 1] if number <= len(block.origins) else ()
                self.add(
                    index,
                    "text" if origin else "generated",
                    origin,
                    f"（{number}）{item}",
                    label=f"（{number}）",
                    group=f"list{index}",
                )
        elif isinstance(block, tree.Table):
            self.table(index, block)
        elif isinstance(block, tree.FigureBlock):
            self.chart_content(index, block)
            origin = block.caption_origin
            if isinstance(block.content, tree.NumericChart):
                # A progress chart draws shares of targets, not the figures: no figure ids.
                caption = f"{BOOKMARK_PREFIX}{len(self.slots) + 1}"
                points = block.content.points
                bar = block.content.kind == "bar"
                self.native_charts[caption] = [self.figure_of(p) for p in points] if bar else []
                self.native_names[caption] = [p.name for p in points]
                self.native_values[caption] = [
                    p.value if bar else (p.percent if p.percent is not None else p.value)
                    for p in points
                ]
            self.add(
                index,
                "text" if origin else "generated",
                origin,
                f"图{block.number}\u3000{block.caption}",
                label=f"图{block.number}\u3000",
                where=f"图{block.number}",
            )
        elif isinstance(block, tree.Distribution):
            for label, text in block.lines:
                self.add(index, "generated", (), f"{label}：{text}", where="报尾", group="end")
            self.add(index, "generated", (), block.copies_text, where="报尾", group="end")
        elif isinstance(block, tree.KeyFigures):
            for number, tile in enumerate(block.tiles, start=1):
                where = f"指标卡片{number}（{tile.label}）"
                if tile.figure_index is None:
                    continue
                self.add(
                    index,
                    "figure",
                    ("figures", tile.figure_index, "value"),
                    tile.value,
                    where=where,
                    group=f"tiles{index}",
                )
                self.add(
                    index,
                    "text",
                    ("figures", tile.figure_index, "name"),
                    tile.label,
                    where=where,
                    group=f"tiles{index}",
                )
                self.add(index, "generated", (), tile.note, where=where, group=f"tiles{index}")

    def table(self, index: int, table: tree.Table) -> None:
        group = f"table{index}"
        label = f"表{table.number}\u3000" if table.number else ""  # 0: unnumbered (本期变化)
        origin = table.caption_origin
        self.add(
            index,
            "text" if origin else "generated",
            origin,
            label + table.caption,
            label=label,
            where=f"表{table.number}",
            group=group,
        )
        for column, title in enumerate(table.columns):
            self.add(index, "generated", (), title, where=f"表{table.number}表头", group=group,
                     cell=[0, column])  # fmt: skip
        for row_number, row in enumerate(table.rows):
            origins = table.cell_origins[row_number] if row_number < len(table.cell_origins) else ()
            for column, text in enumerate(row):
                origin = origins[column] if column < len(origins) else ()
                where = f"表{table.number}第{row_number + 1}行第{column + 1}列"
                kind, path, suffix = self.cell(origin, text)
                self.add(index, kind, path, text, suffix=suffix, where=where, group=group,
                         cell=[row_number + 1, column])  # fmt: skip

    def cell(self, origin: tree.Origin, text: str) -> tuple[SlotKind, tree.Origin, str]:
        """A table cell's kind: a figure's value, a text field, or generated."""
        if len(origin) != 3:
            return "generated", (), ""
        _, figure_index, column = origin
        figure = value_at(self.plan, origin[:2])
        if not isinstance(figure, Figure):
            return "generated", (), ""
        if column == "value":
            return "figure", origin, ""
        if column == "name":
            return "text", origin, INFERRED_SUFFIX if figure.inferred else ""
        if column in ("period", "source") and value_at(self.plan, origin) == text:
            return "text", origin, ""
        return "generated", (), ""  # a target, or a period made from the as-of date


def make_baseline(document: tree.Document, plan: Plan) -> Baseline:
    """The slots of ``document`` (composed from ``plan``) in the order the writer writes them."""
    maker = _Maker(plan)
    for index, block in enumerate(document.blocks):
        maker.block(index, block)
    figures = {
        figure.id: FigureRecord(
            id=figure.id,
            index=number,
            value=figure.value,
            text=format_figure(figure),
            qualifier=figure.qualifier,
            unit=figure.unit,
            printed=figure.printed,
            name=figure.name,
        )
        for number, figure in enumerate(plan.figures)
    }
    return Baseline(
        template=document.template,
        slots=maker.slots,
        figures=figures,
        sections=[section.id for section in plan.sections],
        native_charts=maker.native_charts,
        native_values=maker.native_values,
        native_names=maker.native_names,
    )
