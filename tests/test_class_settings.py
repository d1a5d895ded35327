"""The app view's settings for a class (jupyter-config/): pre-started kernels, culling, a page that needs no CDN.

The browser tests check that Voila really uses them (its log, and pages opened offline); tests/browser/
test_culling.py checks that a closed page's kernel ends; tests/test_server.py checks that `make` and Binder's
`start` load them. These check the files.
"""

from __future__ import annotations

import asyncio
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from jupyter_core.paths import jupyter_path
from traitlets.utils.importstring import import_item

from helpers.server import CourseKernelManager

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "jupyter-config"
TEMPLATE = CONFIG / "data" / "voila" / "templates" / "course"
VOILA = json.loads((CONFIG / "voila.json").read_text())
SERVER = json.loads((CONFIG / "jupyter_server_config.json").read_text())
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def test_every_notebook_has_a_pool_of_pre_started_kernels() -> None:
    assert VOILA["VoilaConfiguration"]["preheat_kernel"] is True
    manager = VOILA["VoilaKernelManager"]
    pools = manager["kernel_pools_config"]
    assert pools["default"]["pool_size"] >= 1
    assert all(pools.get(nb, pools["default"])["pool_size"] >= 1 for nb in NOTEBOOKS)
    assert not manager.get("preheat_denylist")
    # pre-started kernels cannot be combined with these (Voila refuses to start)
    assert not VOILA["VoilaConfiguration"].get("progressive_rendering")
    assert not VOILA["VoilaConfiguration"].get("prelaunch_hook")


@pytest.mark.parametrize("settings", [VOILA, SERVER], ids=["voila", "jupyterlab"])
def test_culling_suits_a_class(settings: dict[str, Any]) -> None:
    culling = settings["MappingKernelManager"]
    # a closed page's kernel ends within minutes; one still open (a learner reading) is never culled
    assert 10 <= culling["cull_interval"] <= culling["cull_idle_timeout"] <= 1800
    assert culling["cull_connected"] is False and culling["cull_busy"] is False


def test_an_app_view_page_s_kernel_ends_sooner_than_a_closed_notebook_s_in_jupyterlab() -> None:
    """In JupyterLab a learner may close a notebook and come back to its kernel; an app-view page that is
    gone is not coming back (a reload gets a new kernel)."""
    voila, lab = VOILA["MappingKernelManager"], SERVER["MappingKernelManager"]
    assert voila["cull_idle_timeout"] + voila["cull_interval"] <= 300 < lab["cull_idle_timeout"]


def test_the_app_view_uses_the_course_s_kernel_manager_and_template() -> None:
    assert import_item(VOILA["VoilaConfiguration"]["multi_kernel_manager_class"]) is CourseKernelManager
    assert VOILA["VoilaConfiguration"]["template"] == SERVER["VoilaConfiguration"]["template"] == TEMPLATE.name
    assert json.loads((TEMPLATE / "conf.json").read_text()) == {"base_template": "lab"}


def _block(text: str) -> str:
    match = re.search(r"\{%- block notebook_css -%\}(.*?)\{%- endblock notebook_css -%\}", text, re.S)
    assert match, "no notebook_css block"
    return "\n".join(line.strip() for line in match.group(1).strip().splitlines() if line.strip())


def test_the_template_is_voila_s_lab_page_without_the_cdn() -> None:
    """The course's page keeps every line of the lab template's stylesheet block but the two CDN links,
    so a Voila upgrade that changes that block fails here instead of silently losing a style."""
    ours = (TEMPLATE / "index.html.j2").read_text()
    lab = next(
        Path(p) / "lab" / "index.html.j2" for p in jupyter_path("voila", "templates") if (Path(p) / "lab").is_dir()
    )
    theirs = _block(lab.read_text())
    assert "cdn.jsdelivr.net" in theirs  # what the course's template is for
    expected = "\n".join(line for line in theirs.splitlines() if "cdn.jsdelivr.net" not in line)
    assert _block(ours) == expected.replace("{{ super() }}", "{{ super.super() }}")
    assert not re.search(r"(src|href)=\"(https?:)?//", ours)


def run(coroutine: Any) -> None:
    """Run a coroutine to its end on a loop of its own (the browser tests may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


class _Kernels(CourseKernelManager):
    """The course's kernel manager with Jupyter Server's culling decision recorded instead of made."""

    def __init__(self, timeout: float) -> None:
        super().__init__(cull_idle_timeout=int(timeout))
        self.asked: list[str] = []

    def list_kernel_ids(self) -> list[str]:
        return ["pooled", "fresh"]


@pytest.fixture
def kernels(monkeypatch: pytest.MonkeyPatch) -> _Kernels:
    async def decide(self: Any, kernel_id: str) -> None:
        self.asked.append(kernel_id)

    monkeypatch.setattr(
        "jupyter_server.services.kernels.kernelmanager.MappingKernelManager.cull_kernel_if_idle", decide
    )
    monkeypatch.setattr(
        "jupyter_server.services.kernels.kernelmanager.MappingKernelManager.notify_connect", lambda *a: None
    )
    return _Kernels(timeout=600)


def test_a_kernel_no_page_has_connected_to_yet_gets_a_full_idle_timeout(
    kernels: _Kernels, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("helpers.server.time.monotonic", lambda: clock[0])
    run(kernels.cull_kernel_if_idle("fresh"))  # just handed to a page, idle since it ran its notebook
    clock[0] += 599
    run(kernels.cull_kernel_if_idle("fresh"))
    assert kernels.asked == []  # the page may still be loading
    clock[0] += 2
    run(kernels.cull_kernel_if_idle("fresh"))
    assert kernels.asked == ["fresh"]  # no page ever connected: Jupyter Server's rules decide


def test_a_connected_kernel_is_culled_by_jupyter_server_s_rules(kernels: _Kernels) -> None:
    kernels.notify_connect("pooled")
    run(kernels.cull_kernel_if_idle("pooled"))
    assert kernels.asked == ["pooled"]


def test_the_landing_page_is_voila_s_without_the_cdn() -> None:
    """page.html frames the landing page and error pages; the course's copy drops only the CDN stylesheet
    (the landing page's book and folder icons are decorative and then not drawn)."""
    base = next(
        Path(p) / "base" / "page.html" for p in jupyter_path("voila", "templates") if (Path(p) / "base").is_dir()
    )
    theirs = [line for line in base.read_text().splitlines() if "cdn.jsdelivr.net" not in line]
    assert len(theirs) == len(base.read_text().splitlines()) - 1
    assert (TEMPLATE / "page.html").read_text().splitlines() == theirs
