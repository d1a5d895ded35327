"""The explorer base: an explorer declares its controls and one pure ``render(state) -> View``.

The base does the rest, the same way for every explorer of the course:

* it reads the state (the value of each control, by name) and asks ``render`` for its :class:`View`, once per
  state (a bounded memo, so going back to a state costs a dictionary look-up);
* it draws the view: the chart redrawn in place (:class:`~helpers.widgets.figure.CourseFigure`), the text
  alternative and the named HTML parts set, and the controls that the view disables switched off;
* it lists every state a learner can reach (:meth:`Explorer.states`): the product of the options of its
  discrete controls, or a declared sample for a control with no list of options (a date, a search box).
  The tests render every one, and the course website pre-renders them, so a page works with no kernel.

A subclass builds its controls, then calls ``super().__init__(controls)``; Previous / Next buttons over a list
control are one :class:`Stepper`.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w

from helpers import static
from helpers.html import render as render_template
from helpers.static import StaticBox
from helpers.style import TEMPLATE, FigureSpec, template_json
from helpers.widgets.core import update_in_place
from helpers.widgets.figure import CourseFigure

State = Mapping[str, Any]
Sample = Sequence[Any] | Callable[[State], Sequence[Any]]
MEMO_SIZE = 512
#: An explorer with at most this many states renders them all when it is built, so that no change waits for a render.
WARM_UP = 16


@dataclass(frozen=True)
class View:
    """What one state shows: the chart (``None`` when the state has no chart), its text alternative, named HTML parts
    (escaped HTML from templates), and the names of the controls that do not apply in this state."""

    figure: FigureSpec | None = None
    text: str = ""
    parts: Mapping[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()


def options_of(control: w.Widget) -> list[Any]:
    """The values a discrete control can take: a list's option values, a tick box's False and True."""
    if isinstance(control, w.Checkbox | w.ToggleButton):
        return [False, True]
    options = getattr(control, "options", None)
    if options is None:
        raise TypeError(f"{type(control).__name__} has no list of options: declare a sample of its values")
    values = [option[1] if isinstance(option, tuple) else option for option in options]
    if isinstance(control, w.SelectMultiple):
        return [tuple(values)]  # everything selected; other selections are declared as samples
    return values


class Stepper:
    """Previous / Next buttons that move a list control (Dropdown, ToggleButtons) one option at a time.

    The buttons only change the control's value, so the control's own observer redraws; Previous is off on the
    first option and Next on the last.
    """

    def __init__(self, control: w.Widget, previous: str = "Previous", next: str = "Next", what: str = "step"):
        self.control = control
        self.previous = w.Button(description=previous, tooltip=f"Go to the previous {what}", icon="arrow-left")
        self.next = w.Button(description=next, tooltip=f"Go to the next {what}", icon="arrow-right")
        self.previous.on_click(lambda _button: self.go(-1))
        self.next.on_click(lambda _button: self.go(+1))
        control.observe(lambda _change: self.sync(), names="value")
        self.sync()

    @property
    def values(self) -> list[Any]:
        return options_of(self.control)

    def go(self, offset: int) -> None:
        """Move ``offset`` options on (negative: back), stopping at the first and the last."""
        values = self.values
        position = values.index(self.control.value) if self.control.value in values else 0
        self.control.value = values[min(max(position + offset, 0), len(values) - 1)]

    def sync(self) -> None:
        values = self.values
        self.previous.disabled = not values or self.control.value == values[0]
        self.next.disabled = not values or self.control.value == values[-1]

    def buttons(self) -> w.HBox:
        return w.HBox([self.previous, self.next])


class Explorer:
    """Controls (by name) wired to a pure, memoised ``render(state) -> View``; see the module's docstring."""

    #: True for an explorer whose every state shows the same kind of chart, which morphs in place (the trace count
    #: and types are checked); False for one whose states show different charts, or none (the FAQ's illustrations).
    same_chart = True

    def __init__(self, controls: Mapping[str, w.Widget]) -> None:
        self.controls = dict(controls)
        self._memo: OrderedDict[tuple[Any, ...], View] = OrderedDict()
        self._quiet = False
        first = self.view_of(self.state())
        charted = first.figure is not None or not self.same_chart
        self.figure: CourseFigure | None = CourseFigure(first.figure) if charted else None
        self.figure_box = w.Box([self.figure] if self.figure else [], layout=w.Layout(width="100%"))
        self.text = w.HTML(first.text)
        self.html = {name: w.HTML(value) for name, value in first.parts.items()}
        self._apply(first)
        if MEMO_SIZE and self.count_states() <= WARM_UP:
            for state in self.states():
                self.view_of(state)
        for control in self.controls.values():
            control.observe(self.refresh, names="value")

    # ------------------------------------------------------------------ what subclasses declare
    def render(self, state: State) -> View:
        """The view of ``state``: a pure function of the state and of the tables given to the explorer."""
        raise NotImplementedError

    def layout(self) -> list[w.Widget]:
        """The widgets, top to bottom (default: the controls in a row, the chart, its words, then the parts)."""
        return [w.HBox(list(self.controls.values())), self.figure_box, self.text, *self.html.values()]

    def samples(self) -> Mapping[str, Sample]:
        """The values to try for controls with no list of options (or whose list depends on another control)."""
        return {}

    def extra_state(self) -> dict[str, Any]:
        """State that comes from outside the controls (the follow-up calculator's 'today')."""
        return {}

    # ------------------------------------------------------------------ the base
    def state(self) -> dict[str, Any]:
        """The current state: each control's value by name, plus :meth:`extra_state`."""
        return {name: control.value for name, control in self.controls.items()} | self.extra_state()

    def view_of(self, state: State) -> View:
        """``render(state)``, remembered: a state seen before is served from the memo."""
        key = tuple(sorted(state.items()))
        view = self._memo.get(key)
        if view is None:
            view = self._memo[key] = self.render(state)
            if len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        else:
            self._memo.move_to_end(key)
        return view

    def states(self) -> Iterator[dict[str, Any]]:
        """Every state a learner can reach: the product of each control's options (or its declared sample)."""

        def expand(names: list[str], partial: dict[str, Any]) -> Iterator[dict[str, Any]]:
            if not names:
                yield partial | self.extra_state()
                return
            name, rest = names[0], names[1:]
            sample = self.samples().get(name)
            values = (sample(partial) if callable(sample) else sample if sample is not None else None) or options_of(
                self.controls[name]
            )
            for value in values:
                yield from expand(rest, partial | {name: value})

        yield from expand(list(self.controls), {})

    def count_states(self) -> int:
        return sum(1 for _ in self.states())

    def refresh(self, _change: Mapping[str, Any] | None = None) -> None:
        """Draw the view of the current state (the observer of every control)."""
        if not self._quiet:
            self._apply(self.view_of(self.state()))

    def _apply(self, view: View) -> None:
        if self.figure is not None and view.figure is not None and view.figure is not self.figure.shown:
            if self.same_chart:
                update_in_place(self.figure, view.figure)
            else:
                self.figure.show(view.figure)
        self.figure_box.layout.display = None if view.figure is not None else "none"
        self.text.value = view.text
        for name, value in view.parts.items():
            self.html[name].value = value
        for name, control in self.controls.items():
            control.disabled = name in view.disabled

    def quietly(self, change: Callable[[], None]) -> None:
        """Make several control changes that should redraw once, after them (e.g. resetting a list's options)."""
        self._quiet = True
        try:
            change()
        finally:
            self._quiet = False
        self.refresh()

    def view(self) -> w.Widget:
        """The whole explorer, stacked (on the course website: the same views, pre-rendered; see helpers.static)."""
        return StaticBox(self.layout(), self.static_html, lambda: self.figure.shown if self.figure else None)

    def static_html(self) -> str:
        """The explorer for a page with no kernel: its controls, and the view of every state as JSON."""
        controls = []
        for name, control in self.controls.items():
            sample = self.samples().get(name)
            values = options_of(control) if sample is None or callable(sample) else list(sample)
            controls.append(static.control_spec(name, control, values))
        figures: dict[str, int] = {}
        views: dict[str, int] = {}
        view_list: list[dict[str, Any]] = []
        states: dict[str, int] = {}
        for state in self.states():
            key = self.state_key(state, controls)
            if key is None:
                continue
            view = self.view_of(state)
            figure = None if view.figure is None else view.figure.to_json()
            if figure is not None and figure not in figures:
                figures[figure] = len(figures)
            entry = static.to_json(
                [figures.get(figure, -1) if figure else -1, view.text, dict(view.parts), sorted(view.disabled)]
            )
            if entry not in views:
                views[entry] = len(view_list)
                view_list.append(json.loads(entry))
            states[key] = views[entry]
        data = {
            "name": type(self).__name__,
            "controls": controls,
            "initial": self.state_key(self.state(), controls),
            "figures": [json.loads(f) for f in figures],
            "views": view_list,
            "states": states,
            "layout": self.static_layout(),
            "extra": self.static_extra(),
            "template": template_json(TEMPLATE),
        }
        return render_template("static_explorer.html.j2", name=type(self).__name__, data=static.to_json(data))

    def static_layout(self) -> list[str]:
        """The order of the pieces on the page: control names, 'stepper:<control>', 'figure', 'text', part names."""
        steppers = {v.control: v for v in vars(self).values() if isinstance(v, Stepper)}
        pieces: list[str] = []
        for name, control in self.controls.items():
            pieces += [f"stepper:{name}", name] if control in steppers else [name]
        return [*pieces, "figure", "text", *self.html]

    def static_extra(self) -> Any:
        """Data the page needs to compute states it cannot list (the glossary's terms); None for most explorers."""
        return None

    def state_key(self, state: State, controls: Sequence[Mapping[str, Any]]) -> str | None:
        """The page's key of a state: the position of each control's value ('0.2.1'); None if the page can't show it
        (a multi-select other than all selected: the page filters that view instead)."""
        positions = []
        for spec in controls:
            name, value = spec["name"], state[spec["name"]]
            if spec["kind"] == "multiselect":
                sample = self.samples().get(name)
                every = sample(state)[0] if callable(sample) else options_of(self.controls[name])[0]
                if tuple(value) != tuple(every):
                    return None
                positions.append("0")
                continue
            if str(value) not in spec["values"]:
                return None
            positions.append(str(spec["values"].index(str(value))))
        return ".".join(positions)
