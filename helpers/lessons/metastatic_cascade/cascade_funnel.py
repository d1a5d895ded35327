"""The funnel of metastatic inefficiency: how many cells are left at each stage of one model of
``cascade_funnel.csv``, as horizontal bars on a logarithmic (or ordinary) axis. Always one trace.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from helpers import style
from helpers.style import FigureSpec
from helpers.text import esc, wrap_html


def fmt_count(value: float) -> str:
    """A count with thousands separators: 60000000 -> '60,000,000'; 0.5 -> '0.5'."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2g}"


def fmt_pct(value: float | None) -> str:
    """A percentage without scientific notation: 12 -> '12%', 1.7e-06 -> '0.0000017%'; '' when missing."""
    if value is None or pd.isna(value):
        return ""
    if value >= 1:
        return f"{value:g}%"
    return np.format_float_positional(float(value), precision=2, unique=True, fractional=False, trim="-") + "%"


def funnel_models(funnel: pd.DataFrame) -> list[str]:
    """The models of the funnel table, in the order they first appear."""
    return list(dict.fromkeys(funnel["model"]))


def model_label(model: str) -> str:
    """A model as a control shows it: first letter capitalised."""
    return model[:1].upper() + model[1:]


def funnel_view(funnel: pd.DataFrame, model: str) -> pd.DataFrame:
    """The stages of one model in order (empty for a model that is not in the table)."""
    view = funnel[funnel["model"] == model].sort_values("stage_order")
    return view.reset_index(drop=True)


def stage_label(row: pd.Series) -> str:
    """Text shown on a bar: the count, and the share of the previous stage where there is one."""
    pct = fmt_pct(row["pct_of_previous"])
    return fmt_count(row["cells"]) + (f" ({pct} of the stage before)" if pct else "")


def _count_axis(cells: list[float], log: bool) -> tuple[dict[str, Any], str]:
    """The count axis, logarithmic or ordinary, and how to read its scale in words."""
    low = math.log10(min(cells)) if cells else 0.0
    high = math.log10(max(cells)) if cells else 1.0
    step = 1 if high - min(low, 0.0) <= 7 else 2  # powers of ten per gridline: keep the tick labels apart
    plain = {"showgrid": True, "exponentformat": "none", "separatethousands": True}
    if log:
        axis = {"type": "log", "range": [min(low, 0.0) - 0.3, high + 1.0], "dtick": step, **plain}
        return axis, f"logarithmic scale: each gridline is {10**step:,} times the one before"
    axis = {"type": "linear", "range": [0, (max(cells) if cells else 1.0) * 1.3], "nticks": 5, **plain}
    return axis, "ordinary scale: equal steps"


def funnel_chart(view: pd.DataFrame, model: str, *, log: bool = True) -> FigureSpec:
    """Horizontal bars, first stage at the top: cells left at each stage of one model.

    ``log=True`` puts the counts on a logarithmic axis (each gridline 10 or 100 times the one before),
    the only way to see a count in the millions and a count of one on the same chart. Always one
    trace, even for an empty view.
    """
    labels = [wrap_html(f"{int(o)}. {s}", 26) for o, s in zip(view["stage_order"], view["stage"])]
    cells = [float(c) for c in view["cells"]]
    text = [stage_label(row) for _, row in view.iterrows()]
    subtitle = esc(model_label(model)) if len(view) else "No model selected"
    axis, scale = _count_axis(cells, log)
    layout = style.base_layout(
        f"How many cells get through? Cells left at each stage<br><sup>{subtitle}</sup>",
        f"Cells (or metastases) at this stage<br><sup>{scale}</sup>",
        "Stage",
        height=220 + 70 * max(len(view), 1),
    )
    layout["margin"] = {"l": 10, "r": 30, "t": 80, "b": 10}
    style.category_axis(layout["yaxis"], labels[::-1])
    layout["xaxis"].update(axis)
    bars = style.trace(
        "bar",
        name="Cells at this stage",
        orientation="h",
        y=labels,
        x=cells,
        text=[esc(t) for t in text],
        textposition="auto",
        insidetextanchor="end",
        cliponaxis=False,
        marker={"color": style.INDIGO},
        hovertext=[f"{lbl}: {esc(t)}" for lbl, t in zip(labels, text)],
        hoverinfo="text",
        width=0.6,
        showlegend=False,
    )
    return style.figure([bars], layout)


def describe_funnel(view: pd.DataFrame) -> list[str]:
    """The funnel of one model in words (its text alternative), ending with the overall share."""
    if not len(view):
        return ["No model selected: choose one in the list."]
    lines = []
    for _, row in view.iterrows():
        pct = fmt_pct(row["pct_of_previous"])
        lines.append(f"{row['stage']}: {fmt_count(row['cells'])}" + (f" ({pct} of the stage before)." if pct else "."))
    first, last = float(view["cells"].iloc[0]), float(view["cells"].iloc[-1])
    if len(view) > 1 and first > 0:
        overall = f"From the first stage to the last: {fmt_count(last)} of {fmt_count(first)}, that is {fmt_pct(100 * last / first)}"
        ratio = first / last if last else math.inf
        if ratio >= 10 and math.isfinite(ratio):
            overall += f", about 1 in {fmt_count(round(ratio))}"
        lines.append(overall + ".")
    return lines


def funnel_notes(view: pd.DataFrame) -> list[str]:
    """The caveats of one model: who was studied, then each distinct note of the table."""
    if not len(view):
        return []
    notes = [f"Who or what was studied: {view['population'].iloc[0]}."]
    notes += [str(n) for n in dict.fromkeys(view["note"].dropna())]
    return notes
