"""What a chart shows, as document-tree data (``tree.ChartContent``), for renderers that
build charts as live content — native Word charts, tables — instead of pictures.

The values, labels and wording are the ones the chart pictures print (charts/*.py draw from
the same helpers), so a figure reads the same in the PDF's picture and the DOCX's chart.
"""

from __future__ import annotations

from gjz_brief.content.formatting import format_figure, format_number
from gjz_brief.content.model import PREFIX_QUALIFIERS, ChartSpec, Figure, Plan
from gjz_brief.document import tree


def chart_content(spec: ChartSpec, plan: Plan) -> tree.ChartContent | None:
    """The content of a chart of ``spec``; None for a kind without a content form.

    Raises the chart modules' RenderError for content a chart cannot draw (as drawing would).
    """
    # The chart modules hold the rules (what a progress bar measures, how a milestone is
    # labelled); they are light modules, imported when a chart is composed.
    if spec.kind == "bar":
        from gjz_brief.charts.bar import bar_labels
        from gjz_brief.charts.data import chart_figures

        figures = chart_figures(spec, plan)
        points = tuple(
            tree.ChartPoint(f.name, f.value, label, number_format(f))
            for f, label in zip(figures, bar_labels(figures), strict=True)
        )
        unit = figures[0].unit if len({f.unit for f in figures}) == 1 else ""
        return tree.NumericChart("bar", spec.title, f"数值（{unit}）" if unit else "数值", points)
    if spec.kind == "progress":
        from gjz_brief.charts.data import chart_figures
        from gjz_brief.charts.progress import progress_of

        progress_points: list[tree.ChartPoint] = []
        for figure in chart_figures(spec, plan):
            progress = progress_of(spec, figure)
            target = figure.target.value if progress.has_target and figure.target else None
            progress_points.append(
                tree.ChartPoint(
                    figure.name,
                    figure.value,
                    progress.status,
                    "",
                    target,
                    round(progress.fraction * 100, 2),
                )
            )
        return tree.NumericChart("progress", spec.title, "完成比例（%）", tuple(progress_points))
    if spec.kind == "timeline":
        from gjz_brief.charts.data import chart_milestones
        from gjz_brief.charts.timeline import goal_text, heading_text

        milestones = tuple(
            (f"{m.year}年", heading_text(m), goal_text(m)) for m in chart_milestones(spec, plan)
        )
        return tree.TimelineChart(spec.title, milestones)
    if spec.kind == "structure":
        from gjz_brief.charts.data import chart_frameworks
        from gjz_brief.charts.structure import framework_label, group_label

        frameworks = tuple(
            (framework_label(f), tuple((group_label(g), tuple(g.fields)) for g in f.groups))
            for f in chart_frameworks(spec, plan)
        )
        return tree.StructureChart(spec.title, frameworks)
    if spec.kind == "key_figures":
        from gjz_brief.charts.data import chart_figures
        from gjz_brief.charts.key_figures import columns_for

        index = {figure.id: number for number, figure in enumerate(plan.figures)}
        tiles = tuple(
            tree.KeyFigureTile(
                f.name, format_figure(f), f"（{f.period}）" if f.period else "", index[f.id]
            )
            for f in chart_figures(spec, plan)
        )
        return tree.KeyFiguresChart(spec.title, tiles, columns_for(len(tiles)))
    return None


def number_format(figure: Figure) -> str:
    """An Excel number format that prints the figure's value as the text does: 50 with
    ``0"余家"`` is 50余家, 42 with ``"超"0"亿元"`` is 超42亿元, 38.86 with ``0.00"%"`` is
    38.86%. "" when the text prints it in words (两万多), which no format can."""
    if figure.printed:
        return ""
    number = format_number(figure.value, figure.decimals)
    decimals = len(number.partition(".")[2])
    code = "0." + "0" * decimals if decimals else "0"
    qualifier = figure.qualifier
    prefix = _quoted(qualifier) if qualifier in PREFIX_QUALIFIERS else ""
    suffix = _quoted(("" if qualifier in PREFIX_QUALIFIERS else qualifier) + figure.unit)
    return prefix + code + suffix


def _quoted(text: str) -> str:
    return f'"{text}"' if text else ""
