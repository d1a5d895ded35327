"""No leaked kernels: the app view's kernel of a closed page ends, within the culling interval if nothing
else ends it; a page that is still open keeps its kernel; the pre-started kernel of each pool is kept.

Voila runs here with the course's settings (jupyter-config/voila.json) and, on its command line, culling
values short enough for a test (the course's own are minutes long).
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator

import pytest
from conftest import ARTIFACTS, ROOT
from driver import open_in_voila
from servers import kernels, offline_page, start_voila, stop

NOTEBOOK = "02-bone-metastasis-rates.ipynb"
IDLE_TIMEOUT = 6  # seconds without a message before a kernel with no open page is culled
INTERVAL = 2  # seconds between two rounds of the culler
SETTINGS = json.loads((ROOT / "jupyter-config" / "voila.json").read_text())
POOL = SETTINGS["VoilaKernelManager"]["kernel_pools_config"]["default"]["pool_size"]


@pytest.fixture(scope="module")
def culling_voila(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Iterator[tuple[object, str]]:
    root = tmp_path_factory.mktemp("culling")
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / NOTEBOOK, root / "notebooks" / NOTEBOOK)
    process, base = start_voila(
        root / "notebooks",
        ARTIFACTS / "voila-culling.log",
        f"--MappingKernelManager.cull_idle_timeout={IDLE_TIMEOUT}",
        f"--MappingKernelManager.cull_interval={INTERVAL}",
    )
    wait_until(lambda: len(kernels(process)) == POOL, 120, "the pool was never filled")
    yield process, base
    stop(process)


def wait_until(condition: Callable[[], bool], seconds: float, message: str) -> float:
    """Wait until ``condition()`` holds; return the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            pytest.fail(message, pytrace=False)
        time.sleep(0.25)
    return time.monotonic() - start


def opened(browser: object, base: str, process: object, from_landing_page: bool = False) -> object:
    """A page of the notebook, open and drawn, and its pool refilled behind it."""
    page = offline_page(browser)
    if from_landing_page:
        page.goto(f"{base}/")  # type: ignore[attr-defined]
    open_in_voila(page, base, NOTEBOOK)
    page.wait_for_selector(".js-plotly-plot svg.main-svg", state="attached")
    wait_until(lambda: len(kernels(process)) == POOL + 1, 120, "the pool was not refilled")  # type: ignore[arg-type]
    return page


def test_a_closed_page_s_kernel_is_culled_and_an_open_one_is_kept(
    browser: object, culling_voila: tuple[object, str]
) -> None:
    process, base = culling_voila
    page = opened(browser, base, process)
    # open and idle for longer than the idle timeout: the learner may be reading, the kernel stays
    time.sleep(IDLE_TIMEOUT + 2 * INTERVAL)
    assert len(kernels(process)) == POOL + 1, "the kernel of a page that is still open was culled"  # type: ignore[arg-type]
    # closed without its unload handler (a crashed tab, a lost connection): only the culler can end it
    page.close()  # type: ignore[attr-defined]
    took = wait_until(
        lambda: len(kernels(process)) == POOL,  # type: ignore[arg-type]
        IDLE_TIMEOUT + 3 * INTERVAL + 5,
        "the closed page's kernel was not culled",
    )
    assert took <= IDLE_TIMEOUT + 2 * INTERVAL + 3
    # the pre-started kernel was idle all along and is kept: the next page still opens from it
    text = (ARTIFACTS / "voila-culling.log").read_text(errors="replace")
    assert text.count("Culling 'idle' kernel") == 1
    page = opened(browser, base, process)
    assert (ARTIFACTS / "voila-culling.log").read_text(errors="replace").count("Using pre-heated kernel") == 2
    page.close()  # type: ignore[attr-defined]


def test_a_page_opened_from_the_landing_page_and_closed_ends_its_kernel_at_once(
    browser: object, culling_voila: tuple[object, str]
) -> None:
    """Voila's page asks the server to shut its kernel down when it is closed (or reloaded). The request
    needs the XSRF cookie, which Voila (0.5) sets on its landing page but not on a notebook's page: a
    notebook opened directly from a link is ended by the culler instead (the test above)."""
    process, base = culling_voila
    wait_until(lambda: len(kernels(process)) == POOL, 60, "a kernel of the previous test is still running")  # type: ignore[arg-type]
    page = opened(browser, base, process, from_landing_page=True)
    page.close(run_before_unload=True)  # type: ignore[attr-defined]
    took = wait_until(lambda: len(kernels(process)) == POOL, IDLE_TIMEOUT, "the closed page's kernel is still running")  # type: ignore[arg-type]
    assert took < IDLE_TIMEOUT  # before the culler could have ended it
