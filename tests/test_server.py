"""The course's server settings: kernel websocket messages are sent without Nagle's 40 ms stall.

The browser tests check that JupyterLab and Voila really load them (their logs); these tests check
the class and the places that configure it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets.utils.importstring import import_item

from helpers.server import QuickKernelWebsocketConnection

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "jupyter-config"
CLASS = "helpers.server.QuickKernelWebsocketConnection"


@pytest.mark.parametrize(
    ("path", "section"),
    [("jupyter_server_config.json", "ServerApp"), ("voila.json", "Voila")],
)
def test_config_names_the_quick_connection(path: str, section: str) -> None:
    config = json.loads((CONFIG / path).read_text())
    name = config[section]["kernel_websocket_connection_class"]
    assert name == CLASS
    assert issubclass(import_item(name), ZMQChannelsWebsocketConnection)


def test_connect_switches_nagle_off(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []

    class Handler:
        def set_nodelay(self, value: bool) -> None:
            calls.append(("nodelay", value))

    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "connect", lambda self: calls.append("connected"))
    connection = QuickKernelWebsocketConnection.__new__(QuickKernelWebsocketConnection)
    monkeypatch.setattr(QuickKernelWebsocketConnection, "websocket_handler", Handler(), raising=False)
    monkeypatch.setattr(QuickKernelWebsocketConnection, "kernel_id", "k", raising=False)
    monkeypatch.setattr(
        QuickKernelWebsocketConnection, "log", type("L", (), {"info": lambda *a: None})(), raising=False
    )
    connection.connect()
    assert calls == [("nodelay", True), "connected"]  # before the connection starts relaying messages


# the settings, and the data folder holding the app view's template (jupyter-config/data/voila/templates/course)
PATHS = {"JUPYTER_CONFIG_PATH": CONFIG, "JUPYTER_PATH": CONFIG / "data"}


@pytest.mark.parametrize("variable", PATHS)
def test_make_lab_and_app_use_the_config(variable: str) -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert f"export {variable} := $(CURDIR)/{PATHS[variable].relative_to(ROOT)}" in makefile


@pytest.mark.parametrize("variable", PATHS)
def test_binder_start_script_adds_the_config(variable: str, tmp_path: Path) -> None:
    """Binder runs `start` before the server (tests/test_binder.py checks that it does)."""
    env = {"PATH": os.environ["PATH"], variable: "/elsewhere"}
    result = subprocess.run(
        [str(ROOT / "start"), "printenv", variable],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    assert result.stdout.strip() == f"{PATHS[variable]}:/elsewhere"
