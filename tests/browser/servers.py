"""Local servers and an offline browser page, shared by the browser tests and the benchmark (`make bench`).

Servers listen on 127.0.0.1 only; every request a page makes to any other host is aborted and recorded.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
# The course's server settings, as `make lab` and `make app` use them (see helpers/server.py), and the
# data folder holding the app view's template (jupyter-config/data/voila/templates/course).
JUPYTER_CONFIG = Path(__file__).resolve().parents[2] / "jupyter-config"
JUPYTER_DATA = JUPYTER_CONFIG / "data"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def find_chromium() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer at {url} within {timeout:.0f} s:\n{log.read_text()[-2000:]}")


def start(cmd: list[str], cwd: Path, url: str, log: Path) -> subprocess.Popen[bytes]:
    """Start a server, its output going to ``log``, and wait until ``url`` answers."""
    log.parent.mkdir(parents=True, exist_ok=True)
    handle = log.open("wb")
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_CONFIG), env.get("JUPYTER_CONFIG_PATH")]))
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), env.get("JUPYTER_PATH")]))
    process = subprocess.Popen(cmd, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, env=env)
    _wait_for(url, process, log)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def start_voila(notebooks: Path, log: Path, *options: str) -> tuple[subprocess.Popen[bytes], str]:
    """A Voila server for the notebooks in ``notebooks`` with the course's settings (and ``options`` given on
    its command line, which take precedence); returns the process and its base URL."""
    port = free_port()
    cmd = [
        str(BIN / "voila"),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--VoilaConfiguration.show_tracebacks=True",
        *options,
        str(notebooks),
    ]
    base = f"http://127.0.0.1:{port}"
    return start(cmd, notebooks.parent, f"{base}/", log), base


def offline_page(browser: Any) -> Any:
    """A fresh page in which every request to another host than 127.0.0.1 is blocked and recorded in ``page.blocked``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.blocked = blocked
    page.set_default_timeout(60_000)
    return page


def kernels(server: subprocess.Popen[bytes]) -> list[Any]:
    """The kernels a server has started and that are still running (psutil processes)."""
    import psutil

    try:
        children = psutil.Process(server.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for child in children:
        try:
            if any("ipykernel" in part for part in child.cmdline()):
                found.append(child)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found
