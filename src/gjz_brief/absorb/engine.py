"""The edits of a DOCX as changes to the content: a three-way comparison.

For each slot: the text as built (baseline), as edited (the DOCX now) and the content now.
A slot the clerk left alone changes nothing. An edited slot whose content is unchanged since
the build becomes the new content text; one changed on both sides is a conflict, never an
overwrite. In an edited text, each figure printed at build time (``288家`` from
``{{industrial_enterprises}}``) keeps its ``{{id}}`` while its printed text is still there;
a number edited where a figure was printed (288家 → 290家) becomes the figure's new value in
figures.yaml — or, when the figure's value comes from the figures sheet, a report naming
the sheet's cell, and nothing is written. One figure edited to two values is a conflict.
What the content model cannot hold (formatting, a deleted table, a moved section, text
added inside a table) is listed as not absorbed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gjz_brief.absorb.baseline import Baseline, FigureRecord, Slot, value_at
from gjz_brief.absorb.read import EditedDocx, ReadParagraph
from gjz_brief.content.formatting import format_number
from gjz_brief.content.locator import ContentLocator
from gjz_brief.content.model import PREFIX_QUALIFIERS, SUFFIX_QUALIFIERS, Plan
from gjz_brief.errors import Location

Path_ = tuple[str | int, ...]
_LABELS = {
    "heading": re.compile(r"^[一二三四五六七八九十百零]+[、.．]\s*"),
    "list": re.compile(r"^[（(]\d+[）)]\s*"),
    "caption": re.compile(r"^[表图]\s*\d+[\s\u3000]*"),
}
_NUMBER = r"\d+(?:\.\d+)?"
END_OF_SECTION = 10**9  # Insert.after: after the section's last paragraph


@dataclass
class Conflict:
    """An edit that cannot be absorbed without losing something: where in the DOCX and
    where in the content (file:line)."""

    message: str
    docx_where: str
    yaml_where: Location | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = f"DOCX {self.docx_where}"
        if self.yaml_where is not None:
            where += f"; {self.yaml_where}"
        text = f"{where}: {self.message}"
        return text + (f"\n  hint: {self.hint}" if self.hint else "")


@dataclass
class FigureEdit:
    figure_id: str
    value: float
    qualifier: str
    text: str  # as the clerk typed it
    where: str


@dataclass
class Insert:
    section: int
    after: int  # paragraph index in the section (-1: before the first)
    text: str
    where: str


@dataclass
class Absorbed:
    """What the edits change, and everything to tell about them."""

    texts: dict[Path_, str] = field(default_factory=dict)  # field path → new content text
    deletes: list[Path_] = field(default_factory=list)  # section paragraphs removed
    inserts: list[Insert] = field(default_factory=list)
    figures: dict[int, tuple[float, str]] = field(default_factory=dict)  # index → value, qualifier
    conflicts: list[Conflict] = field(default_factory=list)
    not_absorbed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    edited_paragraphs: int = 0
    edited_cells: int = 0
    edited_figures: int = 0

    @property
    def changes_anything(self) -> bool:
        return bool(self.texts or self.deletes or self.inserts or self.figures)


def strip_label(slot: Slot, text: str) -> str:
    """The edited text without the generated label, prefix and suffix (一、, （1）, 表1, 编者按：,
    （推断）), as far as the clerk kept them."""
    if slot.label:
        if text.startswith(slot.label):
            text = text[len(slot.label) :]
        else:
            for pattern in _LABELS.values():
                found = pattern.match(text)
                if found and pattern.match(slot.label):
                    text = text[found.end() :]
                    break
    if slot.prefix and text.startswith(slot.prefix):
        text = text[len(slot.prefix) :]
    if slot.suffix and text.endswith(slot.suffix):
        text = text[: -len(slot.suffix)]
    return text


def figure_pattern(record: FigureRecord, part: str) -> re.Pattern[str]:
    prefixes = "|".join(map(re.escape, PREFIX_QUALIFIERS))
    suffixes = "|".join(map(re.escape, SUFFIX_QUALIFIERS))
    unit = re.escape(record.unit) if part == "full" and record.unit else ""
    # Never a number's tail (2,900家 is not 900家): no digit, separator or point around it.
    before, after = r"(?<![\d.,，])", r"(?![\d.,])"
    if part == "number":
        return re.compile(f"{before}(?P<number>{_NUMBER}){after}")
    return re.compile(
        f"{before}(?P<pre>{prefixes})?(?P<number>{_NUMBER}){after}(?P<post>{suffixes})?{unit}"
    )


def read_figure(record: FigureRecord, text: str, part: str) -> tuple[float, str] | None:
    """The value and qualifier ``text`` prints for the figure, or None if it is not the
    figure's shape (number, qualifier, unit)."""
    found = figure_pattern(record, part).fullmatch(text.strip())
    if found is None:
        return None
    number = float(found.group("number"))
    qualifier = record.qualifier
    if part != "number":
        qualifier = found.groupdict().get("pre") or found.groupdict().get("post") or ""
    return number, qualifier


class _Engine:
    def __init__(self, edited: EditedDocx, plan: Plan, locate: ContentLocator) -> None:
        self.edited = edited
        self.baseline: Baseline = edited.baseline
        self.plan = plan
        self.locate = locate
        self.result = Absorbed()
        self.figure_edits: list[FigureEdit] = []
        self.read = edited.slot_texts()
        self.slots = self.baseline.by_name()
        self.missing: list[Slot] = []  # slots whose paragraph is gone (or empty)
        order = self.baseline.slots
        self.following = {a.name: b for a, b in zip(order, order[1:], strict=False)}
        self.unmarked_cells: dict[tuple[int, tuple[int, ...]], int] = {}

    # --- slots --------------------------------------------------------------------------
    def run(self) -> Absorbed:
        for slot in self.baseline.slots:
            paragraph = self.read.get(slot.name)
            if paragraph is None or not paragraph.text.strip():
                self.missing.append(slot)
                continue
            self.slot_read(slot, paragraph)
        self.deleted_tables()
        self.added_paragraphs()
        for slot in self.missing:
            self.deleted(slot)
        self.moved_sections()
        self.pictures()
        self.native_charts()
        if self.edited.notes:
            self.result.not_absorbed.append(
                f"添加了{self.edited.notes}个脚注或尾注；内容模型没有脚注，未写回"
            )
        self.figures()
        return self.result

    def slot_read(self, slot: Slot, paragraph: ReadParagraph) -> None:
        """The slot's text as the DOCX has it now: unchanged, or an edit to absorb."""
        self.formatting(slot, paragraph)
        text = _unbroken(slot, paragraph.text)
        if text == slot.expected:
            return
        if slot.kind == "generated":
            self.result.not_absorbed.append(
                f"{slot.where}：改动了生成的文字（“{_short(slot.expected)}” → "
                f"“{_short(text)}”）；内容中没有对应的字段，请在内容文件中修改其来源"
            )
        elif slot.kind == "figure":
            self.figure_cell(slot, strip_label(slot, text))
        else:
            self.text(slot, strip_label(slot, text))

    def count(self, slot: Slot) -> None:
        if slot.group.startswith(("table", "tiles", "chart")):
            self.result.edited_cells += 1
        else:
            self.result.edited_paragraphs += 1

    def current(self, slot: Slot) -> str | None:
        value = value_at(self.plan, slot.path)
        return value if isinstance(value, str) else None

    def conflict(self, slot: Slot, message: str, hint: str = "") -> None:
        self.result.conflicts.append(
            Conflict(message, slot.where, self.locate.yaml(slot.path) if slot.path else None, hint)
        )

    def text(self, slot: Slot, text: str) -> None:
        if text == slot.built:
            return  # only a label or prefix was touched
        self.count(slot)
        current = self.current(slot)
        if current != slot.source:
            if current is not None and self.already_absorbed(slot, text, current):
                return
            self.conflict(
                slot,
                f"edited in the DOCX (“{_short(text)}”) and changed in the content since the "
                f"build (“{_short(slot.source)}” → “{_short(current or '（已删除）')}”)",
                "keep one of the two: edit the content by hand, or rebuild and edit the new DOCX",
            )
            return
        source = self.unresolve(slot, text)
        if source is None or source == current:
            return
        earlier = self.result.texts.get(slot.path)
        if earlier is not None and earlier != source:
            self.conflict(
                slot,
                f"the same content text is printed in several places and was edited to "
                f"different texts: “{_short(earlier)}” and “{_short(source)}”",
                "make the places say the same, or edit the content by hand",
            )
            return
        self.result.texts[slot.path] = source

    def already_absorbed(self, slot: Slot, text: str, current: str) -> bool:
        """True when the content already says what the edited text says (this DOCX was
        absorbed before): nothing to do, and no conflict."""
        probe = _Engine(self.edited, self.plan, self.locate)
        source = probe.unresolve(slot, text)
        return source == current and not probe.result.conflicts

    def unresolve(self, slot: Slot, edited: str) -> str | None:
        """The edited text with each figure still printed as ``{{id}}`` again."""
        built = slot.built
        if not slot.spans:
            return edited
        opcodes = difflib.SequenceMatcher(None, built, edited, autojunk=False).get_opcodes()
        typed = [False] * len(edited)  # the characters the clerk typed (not in ``built``)
        for tag, _, _, j1, j2 in opcodes:
            if tag != "equal":
                typed[j1:j2] = [True] * (j2 - j1)
        pieces: list[str] = []
        cursor = 0  # in ``edited``
        for start, end, figure_id, part in slot.spans:
            record = self.baseline.figures.get(figure_id)
            a, b = _map(opcodes, start, "start"), _map(opcodes, end, "end")
            a, b = max(a, cursor), max(b, a, cursor)
            a, b = _widen(edited, typed, a, b, cursor)
            reference = "{{" + figure_id + ("" if part == "full" else f":{part}") + "}}"
            region = edited[a:b]
            pieces.append(edited[cursor:a])
            cursor = b
            if region == built[start:end]:
                pieces.append(reference)
                continue
            if record is None:
                self.conflict(slot, f"the figure '{figure_id}' printed here is unknown")
                return None
            if not region.strip():
                pieces.append(region)
                self.result.notes.append(
                    f"{slot.where}：删去了指标“{record.name}”（{{{{{figure_id}}}}}）的引用"
                )
                continue
            if part not in ("full", "value", "number") or record.printed:
                self.conflict(
                    slot,
                    f"“{built[start:end]}” (figure '{figure_id}', {{{{{figure_id}:{part}}}}}) "
                    f"was changed to “{region}”; that part is not a number absorb can write back",
                    f"change it in the figures file (figure '{figure_id}')",
                )
                return None
            found = figure_pattern(record, part).search(region)
            if found is None:
                self.conflict(
                    slot,
                    f"“{built[start:end]}” (figure '{figure_id}') was changed to “{region}”, "
                    "which is not a number with the figure's unit",
                    f"write the figure as a number with its unit ({record.text}), or change "
                    f"figure '{figure_id}' in the figures file",
                )
                return None
            value = read_figure(record, found.group(0), part)
            assert value is not None  # the pattern matched
            pieces.append(region[: found.start()])
            pieces.append(reference)
            pieces.append(region[found.end() :])
            self.figure_edits.append(
                FigureEdit(figure_id, value[0], value[1], found.group(0), slot.where)
            )
        pieces.append(edited[cursor:])
        return "".join(pieces)

    def figure_cell(self, slot: Slot, text: str) -> None:
        if text == slot.built:
            return
        self.count(slot)
        record = self.baseline.figures.get(slot.source)
        value = read_figure(record, text, "full") if record is not None else None
        if record is None or value is None or record.printed:
            self.conflict(
                slot,
                f"the figure “{slot.built}” was changed to “{text}”, which is not a number "
                "with the figure's unit",
                f"write it as a number with its unit ({slot.built}), or change it in the "
                "figures file",
            )
            return
        self.figure_edits.append(FigureEdit(record.id, value[0], value[1], text, slot.where))

    def formatting(self, slot: Slot, paragraph: ReadParagraph) -> None:
        if paragraph.formatting:
            from gjz_brief.absorb.read import FORMATTING

            names = "、".join(FORMATTING[name] for name in paragraph.formatting)
            self.result.not_absorbed.append(
                f"{slot.where}：格式（{names}）未写回：内容模型只保存文字，格式由模板决定"
            )

    # --- deletions, additions, moves ---------------------------------------------------
    def deleted(self, slot: Slot) -> None:
        if slot.group.startswith(("table", "tiles", "chart", "cover", "masthead", "toc")):
            return  # told per table (deleted_tables) or front matter
        path = slot.path
        is_paragraph = len(path) == 4 and path[0] == "sections" and path[2] == "paragraphs"
        is_item = len(path) == 3 and path[:2] == ("meta", "key_messages")
        if slot.kind == "text" and (is_paragraph or is_item):
            if self.current(slot) != slot.source:
                self.conflict(
                    slot,
                    "deleted in the DOCX and changed in the content since the build",
                    "delete it in the content by hand if it should go",
                )
                return
            self.result.deletes.append(path)
            self.result.edited_paragraphs += 1
            return
        self.result.not_absorbed.append(
            f"{slot.where}：删除了“{_short(slot.expected)}”；内容模型中该项不能删除"
            "（如需删除，请在内容文件中删去对应的节或字段）"
        )

    def deleted_tables(self) -> None:
        groups: dict[str, list[Slot]] = {}
        for slot in self.baseline.slots:
            if slot.group.startswith(("table", "tiles", "chart")):
                groups.setdefault(slot.group, []).append(slot)
        for slots in groups.values():
            if not any(slot.name in self.read for slot in slots):
                kinds = {"tiles": "指标卡片", "chart": "图表", "table": "表格"}
                what = next(v for k, v in kinds.items() if slots[0].group.startswith(k))
                self.result.not_absorbed.append(
                    f"{slots[0].where}：删除了{what}“{_short(slots[0].expected)}”；表格由模板和"
                    "内容生成，删除不写回（如需去掉，请修改版式或内容中的 tables）"
                )

    def added_paragraphs(self) -> None:
        slots = self.slots
        last: Slot | None = None
        tables_with_slots = {p.table for p in self.edited.paragraphs if p.slot and p.in_table}
        tables = self.table_grids()
        unmarked: dict[tuple[int, tuple[int, ...]], int] = {}  # cell → its unmarked paragraphs
        for paragraph in self.edited.paragraphs:
            if paragraph.in_table and not paragraph.slot:
                key = (paragraph.table, paragraph.cell)
                unmarked[key] = unmarked.get(key, 0) + 1
        self.unmarked_cells = unmarked
        for paragraph in self.edited.paragraphs:
            if paragraph.slot:
                if not paragraph.in_table:
                    last = slots[paragraph.slot]
                continue
            if paragraph.heading:
                where = f"{last.where}之后" if last is not None else "正文开头"
                self.result.not_absorbed.append(
                    f"{where}：新增标题“{_short(paragraph.text)}”未写回：新的一节请在 "
                    "narrative.yaml 的 sections 中添加"
                )
                continue
            if paragraph.in_table:
                if paragraph.table in tables_with_slots:
                    self.table_text(paragraph, tables[paragraph.table])
                continue
            if last is not None and last.group == "toc":
                continue  # the contents' entries
            retyped = self.following.get(last.name) if last is not None else None
            if retyped is not None and retyped in self.missing and _retypable(retyped):
                # Word drops a bookmark whose whole text was typed over: the paragraph in
                # its place is that slot, edited.
                self.missing.remove(retyped)
                self.text(retyped, strip_label(retyped, _unbroken(retyped, paragraph.text)))
                last = retyped
                continue
            self.add_paragraph(last, paragraph.text)

    def table_grids(self) -> dict[int, TableGrid]:
        """Each DOCX body table that still holds slots: the baseline table it is (the group
        most of its bookmarks belong to) and whether its rows and columns are where they were
        built (every bookmark in its cell), so that a cell's place names its slot."""
        grids: dict[int, TableGrid] = {}
        for paragraph in self.edited.paragraphs:
            if not (paragraph.slot and paragraph.in_table):
                continue
            slot = self.slots[paragraph.slot]
            grid = grids.setdefault(paragraph.table, TableGrid())
            grid.groups[slot.group] = grid.groups.get(slot.group, 0) + 1
            if slot.cell and tuple(slot.cell) != paragraph.cell:
                grid.in_place = False
        for grid in grids.values():
            grid.group = max(grid.groups, key=lambda group: grid.groups[group])
            members = [slot for slot in self.baseline.slots if slot.group == grid.group]
            grid.first = members[0] if members else None
            grid.by_cell = {tuple(slot.cell): slot for slot in members if slot.cell}
            if len(grid.groups) > 1:
                grid.in_place = False  # two tables' cells in one: merged by hand
        return grids

    def table_text(self, paragraph: ReadParagraph, grid: TableGrid) -> None:
        """Text without a bookmark in a table: a cell typed over as a whole (Word and
        python-docx's ``cell.text`` drop the cell's bookmark with its text) is that cell's
        slot, edited, when the table's rows and columns are as built; anything else is text
        added to the table, listed where it stands."""
        slot = grid.by_cell.get(paragraph.cell) if grid.in_place else None
        alone = self.unmarked_cells.get((paragraph.table, paragraph.cell), 0) == 1
        if slot is not None and slot in self.missing and alone:
            self.missing.remove(slot)
            self.slot_read(slot, paragraph)
            return
        self.result.not_absorbed.append(
            f"{grid.place(paragraph.cell)}：新增的文字“{_short(paragraph.text)}”未写回"
            "（表格内容由指标生成）"
        )

    def add_paragraph(self, last: Slot | None, text: str) -> None:
        """A paragraph the clerk added, placed in the section it follows: after the section
        paragraph it follows, first after the section's heading, or after the section's
        last paragraph when it follows a table or chart (paragraphs come first in a
        section). Anywhere else (cover, appendix) the content has no place for it."""
        where = f"{last.where}之后" if last is not None else "正文开头"
        if last is None or last.section < 0:
            self.result.not_absorbed.append(
                f"{where}：新增段落“{_short(text)}”未写回：此处的文字由模板生成，内容中没有对应位置"
            )
            return
        paragraphs = value_at(self.plan, ("sections", last.section, "paragraphs"))
        if isinstance(paragraphs, list) and text in paragraphs:
            return  # absorbed before: the section has it already
        path = last.path
        if len(path) == 4 and path[0] == "sections" and path[2] == "paragraphs":
            after = int(path[3])
            if self.current(last) != last.source:
                self.conflict(
                    last,
                    f"a paragraph was added after this one (“{_short(text)}”), which changed "
                    "in the content since the build",
                    "add the paragraph to the content by hand",
                )
                return
        elif _is_section_title(last):
            after = -1
        else:
            after = END_OF_SECTION
            self.result.notes.append(
                f"{where}：新增段落“{_short(text)}”写在本节最后一段之后"
                "（一节的段落排在其表格和图表之前）"
            )
        self.result.inserts.append(Insert(last.section, after, text, where))
        self.result.edited_paragraphs += 1
        if any(character.isdigit() for character in text):
            self.result.notes.append(
                f"{where}：新增段落中的数字按文字写入，未关联指标；如是指标，请在内容中改为 {{{{id}}}}"
            )

    def moved_sections(self) -> None:
        built = [s.path[1] for s in self.baseline.slots if _is_section_title(s)]
        order = [
            self.slots[p.slot].path[1]
            for p in self.edited.paragraphs
            if p.slot and _is_section_title(self.slots[p.slot])
        ]
        if order != [index for index in built if index in order]:
            self.result.not_absorbed.append(
                "章节顺序被调整；移动的节未写回（节的顺序由 narrative.yaml 中 sections 的顺序决定）"
            )

    def native_charts(self) -> None:
        """A value edited in a native chart's data (Word: 编辑数据) is that figure edited."""
        for caption, figure_ids in self.baseline.native_charts.items():
            values = self.edited.chart_values.get(caption)
            slot = self.slots.get(caption)
            if slot is None or caption not in self.read:
                continue  # the caption went too: told as a deletion
            if values is None:
                self.result.not_absorbed.append(
                    f"{slot.where}：删除了图表；图表由版式和内容决定，删除不写回"
                )
                continue
            names = self.edited.chart_names.get(caption)
            if names is not None and names != self.baseline.native_names.get(caption, names):
                self.result.not_absorbed.append(
                    f"{slot.where}：改动了图表数据中的类别名称；类别是指标的名称，"
                    "请在 figures.yaml 中修改（未写回）"
                )
            if not figure_ids:
                built = self.baseline.native_values.get(caption, [])
                if values != built:
                    self.result.not_absorbed.append(
                        f"{slot.where}：改动了目标进度图的数据；完成比例由指标及其目标算出，"
                        "未写回（请修改指标的数值或目标）"
                    )
                continue
            if len(values) != len(figure_ids):
                self.result.not_absorbed.append(
                    f"{slot.where}：图表数据的行数被改动（{len(figure_ids)} → {len(values)}）；"
                    "图表画哪些指标由内容中的 charts 决定，未写回"
                )
                continue
            for number, (figure_id, value) in enumerate(zip(figure_ids, values, strict=True)):
                record = self.baseline.figures.get(figure_id)
                if record is None or value is None or value == record.value:
                    continue
                self.figure_edits.append(
                    FigureEdit(
                        figure_id,
                        value,
                        record.qualifier,
                        f"{format_number(value)}（图表数据）",
                        f"{slot.where}第{number + 1}项",
                    )
                )

    def pictures(self) -> None:
        built = set(self.baseline.pictures.values())
        found = [digest for digest, _ in self.edited.pictures]
        for digest, where in self.edited.pictures:
            if digest not in built:
                self.result.not_absorbed.append(
                    f"{where}：图片被替换或新增；图表由内容中的指标绘制，图片不写回"
                )
        missing = [chart for chart, digest in self.baseline.pictures.items() if digest not in found]
        if missing and len(found) <= len(self.baseline.pictures) - len(missing):
            self.result.not_absorbed.append(
                f"删除了图表（{'、'.join(missing)}）；图表由版式和内容决定，删除不写回"
            )

    # --- figures ------------------------------------------------------------------------
    def figures(self) -> None:
        by_figure: dict[str, list[FigureEdit]] = {}
        for edit in self.figure_edits:
            by_figure.setdefault(edit.figure_id, []).append(edit)
        current = {figure.id: (index, figure) for index, figure in enumerate(self.plan.figures)}
        for figure_id, edits in by_figure.items():
            record = self.baseline.figures[figure_id]
            values = sorted({(edit.value, edit.qualifier) for edit in edits})
            wanted = [v for v in values if v != (record.value, record.qualifier)]
            if not wanted:
                continue
            self.result.edited_figures += 1
            path = ("figures", record.index, "value")
            places = "; ".join(f"{edit.where}: {edit.text}" for edit in edits)
            if len(wanted) > 1 or len(values) > 1:
                self.result.conflicts.append(
                    Conflict(
                        f"figure '{figure_id}' ({record.name}, {record.text}) was edited to "
                        f"different values: {places}",
                        edits[0].where,
                        self.locate.yaml(path),
                        "make every place that prints it say the same number",
                    )
                )
                continue
            value, qualifier = wanted[0]
            if figure_id not in current:
                self.result.conflicts.append(
                    Conflict(
                        f"figure '{figure_id}' was edited, but the content no longer has it",
                        edits[0].where,
                    )
                )
                continue
            index, figure = current[figure_id]
            path = ("figures", index, "value")
            if (figure.value, figure.qualifier) == (value, qualifier):
                continue  # the content already says so
            if (figure.value, figure.qualifier) != (record.value, record.qualifier):
                self.result.conflicts.append(
                    Conflict(
                        f"figure '{figure_id}' ({record.name}) was edited to {edits[0].text} in "
                        f"the DOCX and changed in the content since the build ({record.text} → "
                        f"{format_number(figure.value)}{figure.unit})",
                        edits[0].where,
                        self.locate(path),
                        "keep one of the two values in the content by hand",
                    )
                )
                continue
            cell = self.locate.cell(path)
            if cell is not None or (
                qualifier != figure.qualifier and self.locate.cell(("figures", index, "qualifier"))
            ):
                where = cell or self.locate(("figures", index, "qualifier"))
                self.result.conflicts.append(
                    Conflict(
                        f"figure '{figure_id}' ({record.name}) was edited to {edits[0].text}; its "
                        f"value comes from the figures sheet, which absorb does not write",
                        edits[0].where,
                        where,
                        f"type the new value into the sheet at {where}, then run absorb again",
                    )
                )
                continue
            self.result.figures[index] = (value, qualifier)


@dataclass
class TableGrid:
    """A DOCX table holding slots: the baseline table (group) it is, its slots by cell."""

    groups: dict[str, int] = field(default_factory=dict)  # group → bookmarks found in it
    group: str = ""
    first: Slot | None = None  # the group's first slot: the caption (表1) or the chart's
    by_cell: dict[tuple[int, ...], Slot] = field(default_factory=dict)
    in_place: bool = True  # every bookmark in the cell it was built in

    def place(self, cell: tuple[int, ...]) -> str:
        """Where a cell is, as the baseline names table cells: 表1第3行第2列 (the header row
        is 表1表头); a chart's or the key figures' table by its rows from 1: 图2第1行第3列."""
        if self.first is None:
            return "表格"
        number = re.match(r"[表图]\d+", self.first.where)
        kind = "指标卡片" if self.group.startswith("tiles") else self.first.where
        name = number.group() if number else kind
        if len(cell) != 2:
            return name
        if not self.group.startswith("table"):
            return f"{name}第{cell[0] + 1}行第{cell[1] + 1}列"
        return f"{name}表头" if cell[0] == 0 else f"{name}第{cell[0]}行第{cell[1] + 1}列"


def _unbroken(slot: Slot, text: str) -> str:
    """``text`` without the line breaks the writer sets in a text that has none (a title
    in balanced lines, render/docx/blocks.py); kept where the content text has its own."""
    return text if "\n" in slot.expected else text.replace("\n", "")


def _retypable(slot: Slot) -> bool:
    """A slot a paragraph of the body can stand in for (not a table's or the cover's)."""
    return slot.kind == "text" and not slot.group.startswith(("table", "tiles", "cover", "toc"))


def _is_section_title(slot: Slot) -> bool:
    return len(slot.path) == 3 and slot.path[0] == "sections" and slot.path[2] == "title"


def _map(opcodes: Sequence[tuple[str, int, int, int, int]], position: int, side: str) -> int:
    """Where ``position`` of the built text lands in the edited text. Inside a changed
    region: its start (``side`` "start") or end ("end"), so the region is taken whole."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and i1 <= position <= i2:
            if side == "start" and position == i2 and i2 != i1:
                continue  # the next region begins here
            return j1 + (position - i1)
        if tag != "equal" and i1 <= position <= i2:
            if tag == "insert":
                continue
            return j1 if side == "start" else j2
    return opcodes[-1][4] if opcodes else 0


def _widen(edited: str, typed: list[bool], a: int, b: int, floor: int) -> tuple[int, int]:
    """The region ``edited[a:b]`` of a printed figure, with what the clerk typed right
    against its number (``typed``: which characters are new): digits and separators ("1,"
    before 288家 makes 1,288家 — another number, never "1," and the figure) and a prefix
    qualifier (约 before 288家 is the figure's qualifier now). Text that was there at the
    build (总数达177家) stays where it was."""

    def new(start: int, end: int) -> bool:
        return start >= floor and all(typed[start:end])

    if a < len(edited) and edited[a].isdigit():
        while new(a - 1, a) and (edited[a - 1].isdigit() or edited[a - 1] in ".,，"):
            a -= 1
        for qualifier in PREFIX_QUALIFIERS:
            start = a - len(qualifier)
            if new(start, a) and edited[start:a] == qualifier:
                a = start
                break
    if b > a and edited[b - 1].isdigit():
        while b < len(edited) and typed[b] and (edited[b].isdigit() or edited[b] in ".,"):
            b += 1
    return a, b


def _short(text: str, limit: int = 30) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def absorb_edits(edited: EditedDocx, plan: Plan, locate: ContentLocator) -> Absorbed:
    """The changes ``edited``'s edits make to the content ``plan`` (loaded now)."""
    return _Engine(edited, plan, locate).run()


@dataclass(frozen=True)
class EditCounts:
    paragraphs: int
    cells: int
    figures: int
    revisions: int
    comments: int


def count_edits(edited: EditedDocx) -> EditCounts:
    """How much of a DOCX was edited, from the DOCX alone (no content needed): the build's
    log tells it when it keeps an edited file."""
    read = edited.slot_texts()
    paragraphs = cells = 0
    figures: set[str] = set()
    for slot in edited.baseline.slots:
        paragraph = read.get(slot.name)
        if paragraph is not None and _unbroken(slot, paragraph.text) == slot.expected:
            continue
        if paragraph is None and slot.group.startswith(("cover", "masthead", "toc")):
            continue
        if slot.group.startswith(("table", "tiles", "chart")):
            cells += 1
        else:
            paragraphs += 1
        if slot.kind == "figure":
            figures.add(slot.source)
        elif paragraph is not None:
            text = strip_label(slot, _unbroken(slot, paragraph.text))
            opcodes = difflib.SequenceMatcher(None, slot.built, text, autojunk=False).get_opcodes()
            for start, end, figure_id, _ in slot.spans:
                if (
                    text[_map(opcodes, start, "start") : _map(opcodes, end, "end")]
                    != slot.built[start:end]
                ):
                    figures.add(figure_id)
    for caption, figure_ids in edited.baseline.native_charts.items():
        values = edited.chart_values.get(caption, [])
        for figure_id, value in zip(figure_ids, values, strict=False):
            record = edited.baseline.figures.get(figure_id)
            if record is not None and value is not None and value != record.value:
                figures.add(figure_id)
    last_was_toc = False
    slots = edited.baseline.by_name()
    for paragraph in edited.paragraphs:
        if paragraph.slot:
            last_was_toc = slots[paragraph.slot].group == "toc"
        elif not paragraph.in_table and not last_was_toc:
            paragraphs += 1
    return EditCounts(paragraphs, cells, len(figures), len(edited.revisions), len(edited.comments))
