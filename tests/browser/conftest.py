"""Real-browser test set-up: Debian's Chromium driven by Playwright, a JupyterLab and a Voila server on 127.0.0.1.

* Chromium: used from /usr/bin/chromium (or PATH). When it is missing, the set-up installs Debian's
  package if it can (root with apt-get, and in CI or with COURSE_INSTALL_CHROMIUM=1); otherwise the
  browser tests are skipped with a one-line hint. In CI (CI=true) they never skip: a missing browser fails.
* axe-core: installed from the npm registry with `npm ci` into tests/browser/node_modules (pinned by
  tests/browser/package-lock.json).
* Offline: every request to a host other than the local servers is aborted, and fails the test that made it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from driver import PageReport
from servers import BIN, CHROMIUM_ARGS, find_chromium, free_port, offline_page, start, start_voila, stop

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = ROOT / "tests" / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
REPORT = ARTIFACTS / "browser-report.json"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
HINT = "browser tests skipped: install Debian's chromium (`sudo apt-get install chromium`) to enable them"

REPORTS: list[PageReport] = []


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(f"{message} (CI must run the browser tests)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> str:
    found = find_chromium()
    may_install = (
        (IN_CI or os.environ.get("COURSE_INSTALL_CHROMIUM") == "1") and hasattr(os, "geteuid") and os.geteuid() == 0
    )
    if not found and may_install and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env, capture_output=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env, capture_output=True)
        found = find_chromium()
    if not found:
        _unavailable(HINT)
    assert found
    return found


@pytest.fixture(scope="session")
def axe_js() -> Path:
    target = HERE / "node_modules" / "axe-core" / "axe.min.js"
    if not target.exists():
        npm = shutil.which("npm")
        if not npm:
            _unavailable("accessibility check skipped: npm is needed to install axe-core (`sudo apt-get install npm`)")
        result = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)], capture_output=True, text=True
        )
        if result.returncode != 0 or not target.exists():
            _unavailable(f"could not install axe-core with npm: {result.stderr.strip()[-300:]}")
    return target


@pytest.fixture(scope="session")
def course_root() -> Iterator[Path]:
    """A server root holding a copy of the notebooks (and, for the tests of the tests, broken ones)."""
    with tempfile.TemporaryDirectory(prefix="course-browser-") as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        (root / "fixtures").mkdir()
        yield root


def _start(cmd: list[str], cwd: Path, url: str, name: str) -> subprocess.Popen[bytes]:
    return start(cmd, cwd, url, ARTIFACTS / f"{name}.log")


@pytest.fixture(scope="session")
def lab_server(course_root: Path, chromium: str) -> Iterator[str]:
    port = free_port()
    settings = course_root / ".lab-settings"
    notifications = settings / "@jupyterlab" / "apputils-extension"
    notifications.mkdir(parents=True)
    (notifications / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    # Render every cell (JupyterLab 4 detaches cells scrolled out of view), so every control can be found.
    notebook = settings / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)
    (notebook / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    cmd = [
        str(BIN / "jupyter"),
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={course_root}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={course_root / '.workspaces'}",
        "--ServerApp.allow_root=True",
    ]
    base = f"http://127.0.0.1:{port}"
    process = _start(cmd, course_root, f"{base}/api/status", "jupyterlab")
    yield base
    stop(process)


@pytest.fixture(scope="session")
def voila_server(course_root: Path, chromium: str) -> Iterator[str]:
    process, base = start_voila(course_root / "notebooks", ARTIFACTS / "voila.log")
    yield base
    stop(process)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page in which every request to another host than 127.0.0.1 is blocked, recorded and fails the test."""
    page = offline_page(browser)
    yield page
    blocked = list(page.blocked)  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    if blocked:
        pytest.fail(f"the page asked another host for: {blocked[:5]}", pytrace=False)


def record(report: PageReport) -> None:
    """Keep a page's report for the summary printed at the end and the JSON written to tests/artifacts."""
    REPORTS.append(report)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps([r.summary() for r in REPORTS], indent=2))


def pytest_terminal_summary(terminalreporter: object) -> None:
    if not REPORTS:
        return
    write = terminalreporter.write_line  # type: ignore[attr-defined]
    write("")
    write("Browser round trips (control changed -> chart or text redrawn), ms:")
    write(
        f"  {'view':6} {'notebook':40} {'ready s':>8} {'charts':>6} {'changes':>7} {'median':>7} {'p95':>7} {'blocked':>7}"
    )
    for r in REPORTS:
        s = r.summary()
        if s["view"] == "test":
            continue
        write(
            f"  {s['view']:6} {s['notebook']:40} {s['seconds_to_ready']:8.1f} {s['charts']:6d} {s['interactions']:7d} "
            f"{s['round_trip_ms_median'] or 0:7.0f} {s['round_trip_ms_p95'] or 0:7.0f} {len(s['blocked_requests']):7d}"
        )
    blocked = sorted({u for r in REPORTS for u in r.blocked})
    if blocked:
        write(f"  blocked requests to other hosts ({len(blocked)}): " + ", ".join(blocked[:6]))
    write(f"  screenshots: {SCREENSHOTS.relative_to(ROOT)}/  report: {REPORT.relative_to(ROOT)}")
