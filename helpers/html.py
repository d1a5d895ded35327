"""HTML from templates that escape by default (Jinja2, autoescape on): a value from data can never become markup.

Templates live in ``helpers/templates/``. A value that is already safe HTML is passed as ``markupsafe.Markup`` (a
citation's links, a badge rendered by another template); everything else is escaped where it is placed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one template environment: autoescape on, undefined names an error, no stray whitespace."""
    env = Environment(
        loader=PackageLoader("helpers", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.filters["markdown"] = _markdown
    return env


def render(template: str, **context: Any) -> str:
    """``helpers/templates/<template>`` filled in with ``context`` (every value escaped unless it is Markup)."""
    return str(environment().get_template(template).render(**context))


def _cell(value: object) -> object:
    """A table cell: a citation renders as its links to the reference list; missing values as an empty cell."""
    from helpers.text import Cite, esc

    if isinstance(value, Cite):
        return Markup(value.html())
    return Markup(esc(value))  # esc: missing values (None, NaN) become '' and the rest is escaped


def _markdown(text: str) -> Markup:
    from helpers.course import inline_markdown

    return Markup(inline_markdown(text))  # mistune escapes any HTML in the text
