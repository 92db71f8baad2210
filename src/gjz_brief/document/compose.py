"""Compose the neutral document tree from the content and a template's layout."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from gjz_brief.content.formatting import format_figure, format_target, resolve_references
from gjz_brief.content.model import (
    ChartSpec,
    Correction,
    Figure,
    IndustryFramework,
    Plan,
    TableSpec,
)
from gjz_brief.document import tree
from gjz_brief.document.chart_content import chart_content
from gjz_brief.document.roles import chart_for_role, figures_for_role
from gjz_brief.errors import ConfigError, LayoutLimitError, Location, TemplateError
from gjz_brief.template import layout as lay

_DIGITS = "零一二三四五六七八九"
_COLUMN_TITLES = {
    "name": "指标",
    "value": "数值",
    "period": "时期",
    "target": "目标",
    "source": "出处",
}


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 105 → 一百零五 (heading numbers)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n >= 10000:
        return str(n)  # far beyond any real briefing; limits.py keeps lists shorter
    text, gap = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            text += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif text:
            gap = True
    return text


# A count in a heading: 三条要点, 3条要点, 十二项.
_COUNT_IN_TITLE = re.compile(r"([一二三四五六七八九十两]+|\d+)(?=[条项点个])")


def counted_title(title: str, count: int, layout_name: str = "") -> str:
    """A heading over ``count`` items. ``{count}`` becomes the count in Chinese numerals
    ("{count}条要点" → 三条要点, 两条要点, 四条要点); a heading that names a count itself
    (三条要点) must name this one, or it would print a false claim: TemplateError."""
    if "{count}" in title:
        return title.replace("{count}", _count_numeral(count))
    named = _COUNT_IN_TITLE.search(title)
    if named and named.group(1) not in (_count_numeral(count), chinese_number(count), str(count)):
        raise TemplateError(
            f"layout '{layout_name}': the heading '{title}' names {named.group(1)} items, but "
            f"the content has {count}",
            hint="write {count} in the heading (e.g. '{count}条要点'), which prints the real "
            "count, or a heading with no number such as '要点'",
        )
    return title


def _count_numeral(count: int) -> str:
    """A count before a measure word: 2 → 两 (两条, never 二条), else chinese_number."""
    return "两" if count == 2 else chinese_number(count)


def briefing_date(environ: Mapping[str, str], as_of: dt.date) -> dt.date:
    """SOURCE_DATE_EPOCH when set, otherwise the content's as-of date; never the clock."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw == "":
        return as_of
    shown = raw if len(raw) <= 24 else raw[:24] + "…"
    try:
        if not raw.strip().isdigit():
            raise ValueError(raw)
        date = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={shown!r} is not a number of seconds",
            Location(field="SOURCE_DATE_EPOCH"),
            "set it to a Unix time such as 1588204800, or unset it",
        ) from None
    # The briefing is dated with it: a date before its own figures (1970年1月1日 from 0)
    # or past the years any content may name is a mistake, not a date to print.
    if date < as_of or date.year > 2100:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={shown} is {date.isoformat()}, "
            + (
                f"before the content's as-of date {as_of.isoformat()}"
                if date < as_of
                else "after the year 2100"
            ),
            Location(field="SOURCE_DATE_EPOCH"),
            "set it to the briefing's date as a Unix time (e.g. "
            f"{int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc).timestamp())}"
            " for the as-of date), or unset it to print the as-of date",
        )
    return date


def chinese_date(day: dt.date) -> str:
    """GB/T 9704 成文日期: Arabic numerals, no zero padding: 2020年4月13日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class _Composer:
    plan: Plan
    layout: lay.Layout
    date: dt.date
    issue_number: int | None
    layout_name: str
    changes: tuple[tuple[str, str, str], ...] = ()  # (figure name, before, after)
    changes_since: str = "上期"  # what the changes compare with: "第1期"
    blocks: list[tree.Block] = field(default_factory=list)
    heading_count: int = 0
    figure_count: int = 0
    table_count: int = 0

    def __post_init__(self) -> None:
        self.figures = self.plan.figures_by_id()
        self.figure_index = {f.id: i for i, f in enumerate(self.plan.figures)}
        self.chart_index = {c.id: i for i, c in enumerate(self.plan.charts)}
        self.table_index = {t.id: i for i, t in enumerate(self.plan.tables)}
        self.charts = {c.id: c for c in self.plan.charts}
        self.tables = {t.id: t for t in self.plan.tables}

    def text(self, value: str) -> str:
        return resolve_references(value, self.figures)

    def heading(
        self, text: str, level: int = 1, numbered: bool = True, origin: tree.Origin = ()
    ) -> None:
        number = ""
        if level == 1 and self.layout.number_headings and numbered:
            self.heading_count += 1
            number = chinese_number(self.heading_count) + "、"
        anchor = f"h{len(self.blocks)}"
        self.blocks.append(tree.Heading(level, text, number, anchor, origin))

    def paragraph(
        self,
        text: str,
        style: tree.ParagraphStyle = "body",
        origin: tree.Origin = (),
        prefix: str = "",
    ) -> None:
        self.blocks.append(tree.Paragraph(self.text(prefix + text), style, origin, prefix))

    # --- charts and tables -------------------------------------------------------------
    def chart(self, chart_id: str, width_mm: float | None = None) -> None:
        spec = self.charts.get(chart_id)
        if spec is None:
            raise TemplateError(
                f"layout '{self.layout_name}' names unknown chart '{chart_id}'",
                hint=f"charts in the content: {', '.join(self.charts)}",
            )
        self.figure_count += 1
        self.blocks.append(
            tree.FigureBlock(
                self.figure_count,
                spec.id,
                spec.caption or spec.title,
                self.alt_text(spec),
                width_mm or self.layout.chart_width_mm,
                chart_content(spec, self.plan),
                ("charts", self.chart_index[spec.id], "caption" if spec.caption else "title"),
            )
        )

    def alt_text(self, spec: ChartSpec) -> str:
        if spec.alt:
            return self.text(spec.alt)
        parts = [f"{self.figures[i].name}{format_figure(self.figures[i])}" for i in spec.figures]
        if spec.kind == "timeline":
            parts = [f"{m.label}：{m.goal}" for m in self.plan.milestones]
        if spec.kind == "structure":
            frameworks = [f for f in self.plan.industry if f.id in spec.frameworks]
            parts = [
                f.name
                + "："
                + "；".join(
                    g.name + ("（" + "、".join(g.fields) + "）" if g.fields else "")
                    for g in f.groups
                )
                for f in frameworks
            ]
        return spec.title + ("。" + "；".join(parts) + "。" if parts else "")

    def table(self, spec: TableSpec) -> None:
        self.table_count += 1
        rows = tuple(tuple(_cell(self.figures[i], c) for c in spec.columns) for i in spec.figures)
        numeric = tuple(i for i, c in enumerate(spec.columns) if c in ("value", "target"))
        table_index = self.table_index.get(spec.id)
        caption_origin: tree.Origin = (
            () if table_index is None else ("tables", table_index, "title")
        )
        cell_origins = tuple(
            tuple(("figures", self.figure_index[i], c) for c in spec.columns) for i in spec.figures
        )
        self.blocks.append(
            tree.Table(
                self.table_count,
                spec.title,
                tuple(_COLUMN_TITLES[c] for c in spec.columns),
                rows,
                numeric,
                f"table_{spec.id}",
                caption_origin,
                cell_origins,
            )
        )

    # --- layout blocks -----------------------------------------------------------------
    def add(self, block: lay.AnyBlock) -> None:
        meta = self.plan.meta
        if isinstance(block, lay.CoverBlock):
            self.blocks.append(
                tree.Cover(meta.title, meta.subtitle or "", meta.issuer, chinese_date(self.date))
            )
        elif isinstance(block, lay.MastheadBlock):
            number = self.issue_number or meta.issue_number or 1
            self.blocks.append(
                tree.Masthead(
                    meta.bulletin_name or meta.title,
                    f"第{number}期",
                    meta.issuer,
                    chinese_date(self.date),
                    block.classification,
                )
            )
        elif isinstance(block, lay.TitleBlock):
            dateline = f"{meta.issuer}\u3000{chinese_date(self.date)}" if block.dateline else ""
            self.blocks.append(tree.Title(meta.title, dateline, ("meta", "title")))
        elif isinstance(block, lay.EditorNoteBlock):
            if meta.editor_note:
                self.paragraph(meta.editor_note, "editor_note", ("meta", "editor_note"), "编者按：")
        elif isinstance(block, lay.TocBlock):
            self.blocks.append(tree.TableOfContents(block.title))
        elif isinstance(block, lay.SectionsBlock):
            self.sections(block)
        elif isinstance(block, lay.ChartBlock):
            if block.id is not None:
                self.chart(block.id, block.width_mm)
            elif block.role is not None:
                spec = chart_for_role(self.plan, block.role)
                if spec is not None:  # a role nobody filled: no block
                    self.chart(spec.id, block.width_mm)
        elif isinstance(block, lay.KeyFiguresBlock):
            self.key_figures(block)
        elif isinstance(block, lay.KeyMessagesBlock):
            messages = meta.key_messages
            if len(messages) > block.limit:
                raise self.over_limit(
                    ("meta", "key_messages", block.limit),
                    f"meta.key_messages has {len(messages)} messages, but the layout "
                    f"'{self.layout_name}' shows at most {block.limit} (its key_messages "
                    "block's limit); the rest would be left out",
                    f"keep {block.limit} messages in meta.key_messages (or fewer), or raise "
                    "the limit of the key_messages block in the template's layout.yaml",
                )
            if messages:
                self.heading(counted_title(block.title, len(messages), self.layout_name))
                self.blocks.append(
                    tree.BulletList(
                        tuple(self.text(m) for m in messages),
                        tuple(("meta", "key_messages", k) for k in range(len(messages))),
                    )
                )
        elif isinstance(block, lay.HeadingBlock):
            self.heading(block.text, block.level)
        elif isinstance(block, lay.AppendixBlock):
            self.appendix(block)
        elif isinstance(block, lay.ChangesBlock):
            # Unnumbered, like a 编者按 or 本期提要 before the body: the sections and tables
            # keep the numbers they have in every other issue (number 0: no 表N label).
            if self.changes:
                self.heading(block.title, numbered=False)
                self.blocks.append(
                    tree.Table(
                        0,
                        f"与{self.changes_since}相比有变化的指标",
                        ("指标", self.changes_since, "本期"),
                        tuple(self.changes),
                        (1, 2),
                        "table_changes",
                    )
                )
        elif isinstance(block, lay.DistributionBlock):
            self.distribution()
        elif isinstance(block, lay.PageBreakBlock):
            self.blocks.append(tree.PageBreak())

    def sections(self, block: lay.SectionsBlock) -> None:
        known = {s.id for s in self.plan.sections}
        for wanted in block.only or []:
            if wanted not in known:
                raise TemplateError(
                    f"layout '{self.layout_name}' names unknown section '{wanted}'",
                    hint=f"sections: {', '.join(known)}",
                )
        for index, section in enumerate(self.plan.sections):
            if block.only is not None and section.id not in block.only:
                continue
            self.heading(section.title, origin=("sections", index, "title"))
            for number, text in enumerate(section.paragraphs):
                self.paragraph(text, origin=("sections", index, "paragraphs", number))
            if block.tables:
                for table_id in section.tables:
                    self.table(self.tables[table_id])
            if block.charts:
                for chart_id in section.charts:
                    self.chart(chart_id)

    def over_limit(self, path: tuple[str | int, ...], message: str, hint: str) -> LayoutLimitError:
        return LayoutLimitError(message, path, hint)

    def key_figures(self, block: lay.KeyFiguresBlock) -> None:
        if block.figures is None:
            figures = figures_for_role(self.plan, block.role)
            if len(figures) > block.limit:
                raise self.over_limit(
                    self.role_item_path(block.role, figures, block.limit),
                    f"{len(figures)} figures have the role '{block.role}', but the layout "
                    f"'{self.layout_name}' shows at most {block.limit} key figures (its "
                    "key_figures block's limit); the rest would be left out",
                    f"give the role '{block.role}' to {block.limit} figures at most, or raise "
                    "the limit of the key_figures block in the template's layout.yaml",
                )
            if figures:  # a role nobody filled: no tiles
                self.blocks.append(
                    tree.KeyFigures(
                        tuple(_tile(f, self.figure_index[f.id]) for f in figures), block.columns
                    )
                )
            return
        tiles = []
        for figure_id in block.figures:
            figure = self.figures.get(figure_id)
            if figure is None:
                raise TemplateError(
                    f"layout '{self.layout_name}' names unknown figure '{figure_id}'",
                    hint=f"add a figure with id '{figure_id}' to the content, or remove it "
                    "from the layout's key_figures",
                )
            tiles.append(_tile(figure, self.figure_index[figure_id]))
        self.blocks.append(tree.KeyFigures(tuple(tiles), block.columns))

    def role_item_path(self, role: str, figures: list[Figure], index: int) -> tuple[str | int, ...]:
        """Where the ``index``-th figure of ``role`` is given: the figure itself when its
        ``roles`` name the role, else its place in the headline panel it defaults to."""
        figure = figures[index]
        if role in figure.roles:
            return ("figures", self.figure_index[figure.id])
        panel = chart_for_role(self.plan, "headline_panel")
        if panel is not None and figure.id in panel.figures:
            return ("charts", self.chart_index[panel.id], "figures", index)
        return ("figures", self.figure_index[figure.id])

    def appendix(self, block: lay.AppendixBlock) -> None:
        plan = self.plan
        if not _has_appendix_content(plan, block.kind):
            return  # a part with no content is left out, heading and all
        titles = {
            "figure_table": "主要指标一览",
            "corrections": "原文更正说明",
            "sources": "资料来源",
            "milestones": "发展目标",
            "industry": "产业体系",
            "measures": "主要举措",
            "projects": "重点项目",
        }
        self.heading(block.title or titles[block.kind])
        if block.kind == "figure_table":
            self.table(
                TableSpec(
                    id="all_figures",
                    title="主要指标一览",
                    figures=[f.id for f in plan.figures],
                    columns=["name", "value", "period", "target"],
                )
            )
        elif block.kind == "corrections":
            self.paragraph("来源文章有排印错误。本简报按下列方式处理，存疑之处保留原文。")
            self.blocks.append(
                tree.BulletList(tuple(_correction_text(c) for c in plan.corrections))
            )
        elif block.kind == "sources":
            said = [
                f"{label}：{text}。"
                for label, text in (
                    ("数据来源", plan.meta.source),
                    ("来源文章", plan.meta.source_title),
                )
                if text
            ]
            if said:
                self.paragraph("".join(said))
            inferred = _inferred_names(plan)
            if inferred:
                self.paragraph(
                    "下列内容系根据来源资料推断，来源未明确列出：" + "、".join(inferred) + "。",
                    "note",
                )
        elif block.kind == "milestones":
            for milestone in plan.milestones:
                self.paragraph(f"{milestone.label}，{milestone.intent}{milestone.goal}")
        elif block.kind == "industry":
            for framework in plan.industry:
                self.paragraph(_framework_text(framework))
        elif block.kind == "measures":
            for measure in plan.measures:
                self.paragraph(
                    measure.name + "：" + (measure.description or "") + "".join(measure.items)
                )
        elif block.kind == "projects":
            self.blocks.append(
                tree.BulletList(
                    tuple(
                        p.name + (f"（{p.category}）" if p.category else "") for p in plan.projects
                    )
                )
            )

    def distribution(self) -> None:
        """报/送/发 and 共印N份. Lines the content leaves empty stay as blanks of a form for
        the office to fill in (the article names no recipients); nothing is invented."""
        dist = self.plan.meta.distribution
        names: dict[str, list[str]] = {"报": [], "送": [], "发": []}
        if dist is not None:
            names = {"报": dist.report_to, "送": dist.send_to, "发": dist.issue_to}
        lines = tuple(
            (label, "，".join(items) + "。" if items else "") for label, items in names.items()
        )
        copies = f"共印{dist.copies}份" if dist and dist.copies else "共印　　份"
        self.blocks.append(tree.Distribution(lines, copies))


def _tile(figure: Figure, index: int | None = None) -> tree.KeyFigureTile:
    """A key-figure tile; ``index``: the figure's place in Plan.figures (for absorb)."""
    return tree.KeyFigureTile(figure.name, format_figure(figure), figure.period or "", index)


def _inferred_names(plan: Plan) -> list[str]:
    return [f.name for f in plan.figures if f.inferred] + [
        f.name for f in plan.industry if f.inferred
    ]


def _has_appendix_content(plan: Plan, kind: str) -> bool:
    """Whether an appendix block has anything to say; one that has not is left out."""
    if kind == "sources":
        return bool(plan.meta.source or plan.meta.source_title or _inferred_names(plan))
    lists = {
        "figure_table": plan.figures,
        "corrections": plan.corrections,
        "milestones": plan.milestones,
        "industry": plan.industry,
        "measures": plan.measures,
        "projects": plan.projects,
    }
    return bool(lists[kind])


def _framework_text(framework: IndustryFramework) -> str:
    if not framework.groups:
        return f"{framework.name}：来源未列出其组成部分。"
    groups = "；".join(
        g.name
        + ("：" + "、".join(g.fields) if g.fields else "")
        + ("（推断）" if g.inferred else "")
        for g in framework.groups
    )
    return f"{framework.name}：{groups}" + ("（推断）" if framework.inferred else "") + "。"


def _correction_text(correction: Correction) -> str:
    # GB/T 15834: quotation marks inside a quotation become single quotes
    inner = str.maketrans("“”", "‘’")
    printed = f"原文“{correction.printed.translate(inner)}”"
    used = f"“{correction.used.translate(inner)}”"
    if correction.status == "corrected":
        return f"{printed}改为{used}：{correction.reason}"
    if correction.used == correction.printed:
        return f"{printed}存疑，保留原文：{correction.reason}"
    return f"{printed}存疑，本简报作{used}：{correction.reason}"


def _cell(figure: Figure, column: str) -> str:
    if column == "name":
        return figure.name + ("（推断）" if figure.inferred else "")
    if column == "value":
        return format_figure(figure)
    if column == "period":
        if figure.period:
            return figure.period
        return f"截至{chinese_date(figure.as_of)}" if figure.as_of else ""
    if column == "target":
        return format_target(figure)
    if column == "source":
        return figure.source
    raise ValueError(column)


def compose_document(
    plan: Plan,
    layout: lay.Layout,
    *,
    date: dt.date,
    layout_name: str = "full",
    issue_number: int | None = None,
    changes: tuple[tuple[str, str, str], ...] = (),
    changes_since: str = "上期",
) -> tree.Document:
    """The document tree of ``plan`` in ``layout``. ``changes`` (name, before, after) fill the
    本期变化 block, compared with ``changes_since`` ("第1期"). Raises TemplateError (located at
    the layout's block) when a layout names an id the content lacks."""
    composer = _Composer(plan, layout, date, issue_number, layout_name, changes, changes_since)
    for index, block in enumerate(layout.blocks):
        try:
            composer.add(block)
        except TemplateError as error:
            # The composer knows the block, not the file: point at the layout's block.
            if error.location is None:
                error.location = Location(
                    f"templates/{layout_name}/layout.yaml", field=f"blocks[{index}]"
                )
            raise
    meta = plan.meta
    document_meta = tree.DocumentMeta(
        title=meta.title,
        author=meta.issuer,
        subject=meta.subject or meta.title,
        keywords=tuple(meta.keywords),
        date=date,
        header=(meta.header or meta.title) if layout.running_header else "",
    )
    return tree.Document(document_meta, tuple(composer.blocks), layout_name)
