"""The example Zero to JupyterHub config (deploy/z2jh/config.yaml) agrees with the repository and the load test.

It must name the image repo2docker builds from this repository, carry the course's server settings
unchanged (the websocket class, culling), and give each learner memory that fits what `make load`
measured (bench/results/load.json): a Jupyter server and a kernel per open notebook.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_TEXT = (ROOT / "deploy" / "z2jh" / "config.yaml").read_text()
CONFIG: dict[str, Any] = yaml.safe_load(CONFIG_TEXT)
SINGLEUSER = CONFIG["singleuser"]
SERVER_SETTINGS = json.loads((ROOT / "jupyter-config" / "jupyter_server_config.json").read_text())
LOAD = ROOT / "bench" / "results" / "load.json"
README = (ROOT / "README.md").read_text()
UNITS = {"K": 1 / 1024, "M": 1, "G": 1024}


def megabytes(quantity: str) -> float:
    """A Kubernetes memory quantity as Z2JH takes it ("512M", "1G") in MB."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG])i?", str(quantity))
    assert match, f"not a memory quantity: {quantity!r}"
    return float(match.group(1)) * UNITS[match.group(2)]


def test_the_image_is_the_one_repo2docker_builds_from_this_repository() -> None:
    repository = re.search(r"github\.com/([\w-]+/[\w-]+)/blob|mybinder\.org/v2/gh/([\w-]+/[\w-]+)/", README)
    assert repository
    owner_and_name = repository.group(1) or repository.group(2)
    assert SINGLEUSER["image"]["name"] == f"ghcr.io/{owner_and_name}"
    assert SINGLEUSER["image"]["tag"]
    # built with the repository outside the home folder, which the learner's volume hides
    target = re.search(r"--target-repo-dir=(\S+)", CONFIG_TEXT)
    assert target and f"github.com/{owner_and_name}" in CONFIG_TEXT
    assert SINGLEUSER["extraEnv"]["JUPYTER_PATH"] == f"{target.group(1)}/jupyter-config/data"


def build_command() -> list[str]:
    """The repo2docker command the config's comment gives for building the image."""
    lines = re.search(r"#\s+(jupyter-repo2docker .*?)\n\s*# then", CONFIG_TEXT, re.S)
    assert lines, "the config does not say how to build the image"
    return shlex.split(" ".join(line.strip().lstrip("#").strip().rstrip("\\") for line in lines.group(1).splitlines()))


def test_the_image_build_command_is_one_repo2docker_can_run_like_binder(tmp_path: Path) -> None:
    """The documented build, run with --no-build --debug on this checkout (as tests/test_binder.py does)."""
    command = build_command()
    image = next(a.split("=", 1)[1] for a in command if a.startswith("--image-name="))
    assert image == f"{SINGLEUSER['image']['name']}:{SINGLEUSER['image']['tag']}"
    assert command[-1].startswith("https://github.com/")
    exe = Path(sys.executable).parent / "repo2docker"
    if not exe.exists():
        exe = Path(shutil.which("repo2docker") or "repo2docker")
    options = [a for a in command[1:-1] if a not in ("--no-run",) and not a.startswith("--image-name=")]
    result = subprocess.run(
        [str(exe), "--no-build", "--debug", *options, str(ROOT)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dockerfile = result.stdout + result.stderr
    assert "ARG REPO_DIR=" in dockerfile  # --target-repo-dir sets it when the image is built
    assert 'ENV R2D_ENTRYPOINT="${REPO_DIR}/start"' in dockerfile and "RUN ./postBuild" in dockerfile
    assert "RUN python -m pip install --no-cache-dir nbgitpuller==" in dockerfile


def test_the_hub_s_servers_use_the_course_s_settings() -> None:
    files = SINGLEUSER["extraFiles"]
    (settings,) = (f for f in files.values() if f["mountPath"].endswith(".json"))
    assert re.fullmatch(r"/etc/jupyter/jupyter_server_config\.d/[\w-]+\.json", settings["mountPath"])
    assert settings["data"] == SERVER_SETTINGS  # the websocket class, culling and the app view's template
    assert settings["data"]["ServerApp"]["kernel_websocket_connection_class"] == (
        "helpers.server.QuickKernelWebsocketConnection"
    )
    # a learner's server outlives the kernels inside it
    assert CONFIG["cull"]["enabled"] is True
    assert CONFIG["cull"]["timeout"] > SERVER_SETTINGS["MappingKernelManager"]["cull_idle_timeout"]


@pytest.fixture(scope="module")
def measured() -> dict[str, Any]:
    if not LOAD.exists():
        pytest.fail("bench/results/load.json is missing: run `make load` (it is committed with the figures)")
    return dict(json.loads(LOAD.read_text()))


def test_memory_per_learner_fits_the_load_test(measured: dict[str, Any]) -> None:
    kernel, server = measured["kernel_mb"], measured["lab_server_mb"]
    guarantee, limit = megabytes(SINGLEUSER["memory"]["guarantee"]), megabytes(SINGLEUSER["memory"]["limit"])
    assert guarantee >= server + 2 * kernel, "the guarantee does not hold a server and two open lessons"
    assert limit >= server + 4 * kernel, "the limit does not hold a server and four open lessons"
    # cheaper than the documented defaults: Z2JH guarantees 1G, mybinder.org guarantees 1 GB (at most 2 GB)
    assert guarantee <= 1024 and limit <= 2048


def test_the_readme_gives_the_measured_memory_beside_the_config(measured: dict[str, Any]) -> None:
    section = README.split("## For a class of hundreds", 1)[1].split("\n## ", 1)[0]
    assert "deploy/z2jh/config.yaml" in section and "nbgitpuller" in section
    for figure in (measured["kernel_mb"], measured["lab_server_mb"]):
        assert f"{figure:.0f} MB" in section
    for quantity in (SINGLEUSER["memory"]["guarantee"], SINGLEUSER["memory"]["limit"]):
        assert f"`{quantity}`" in section
