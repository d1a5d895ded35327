"""Binder: the Dockerfile repo2docker would build installs environment.yml and runs postBuild.

`repo2docker --no-build --debug .` prints that Dockerfile without needing Docker.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dockerfile() -> str:
    exe = Path(sys.executable).parent / "repo2docker"
    if not exe.exists():
        exe = Path(shutil.which("repo2docker") or "repo2docker")
    result = subprocess.run([str(exe), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


def test_binder_installs_environment_yml(dockerfile: str) -> None:
    assert "environment.yml" in dockerfile
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile


def test_binder_runs_postbuild(dockerfile: str) -> None:
    assert "RUN ./postBuild" in dockerfile


def test_binder_runs_the_start_script(dockerfile: str) -> None:
    assert 'ENV R2D_ENTRYPOINT="${REPO_DIR}/start"' in dockerfile


def test_binder_uses_the_root_config(dockerfile: str) -> None:
    assert "COPY --chown=" in dockerfile and "src/environment.yml" in dockerfile
