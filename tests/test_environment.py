"""Binder gets the packages CI tested: environment.yml, requirements.lock and pyproject.toml agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pyproject_requirements(*extras: str) -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"]) + [s for e in extras for s in project["optional-dependencies"][e]]
    reqs = [Requirement(s) for s in specs]
    return {canonicalize_name(r.name): r for r in reqs}


def environment_pins() -> dict[str, str]:
    text = (ROOT / "environment.yml").read_text()
    return {canonicalize_name(n): v for n, v in re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==(\S+)\s*$", text, re.M)}


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_environment_names_the_same_packages_as_pyproject() -> None:
    assert set(environment_pins()) == set(pyproject_requirements("lab"))


def test_environment_pins_satisfy_pyproject_and_match_the_lock() -> None:
    lock = lock_pins()
    for name, version in environment_pins().items():
        assert pyproject_requirements("lab")[name].specifier.contains(version), (
            f"{name}=={version} breaks pyproject.toml"
        )
        assert lock.get(name) == version, (
            f"environment.yml pins {name}=={version}, requirements.lock has {lock.get(name)}"
        )


def test_lock_covers_every_declared_dependency() -> None:
    lock = lock_pins()
    for name, req in pyproject_requirements("lab", "site", "instructors", "test").items():
        assert name in lock, f"{name} is missing from requirements.lock (run `make lock`)"
        assert req.specifier.contains(lock[name]), f"lock pins {name}=={lock[name]}, pyproject wants {req.specifier}"


def test_environment_uses_conda_forge_and_the_python_ci_uses() -> None:
    text = (ROOT / "environment.yml").read_text()
    assert "- conda-forge" in text and re.search(r"- python=3\.1[1-9]", text)
    assert "plotly" in environment_pins() and "anywidget" in environment_pins()
    assert Requirement("plotly" + str(pyproject_requirements()["plotly"].specifier)).specifier.contains("6.1")


def test_postbuild_installs_the_helpers_package() -> None:
    lines = [
        line.strip()
        for line in (ROOT / "postBuild").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "set -e"
    assert any(re.match(r"(python -m )?pip install .*--no-deps.* -e \.$", line) for line in lines)
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
    assert not (ROOT / "binder").exists(), "a binder/ folder would make Binder ignore the root files"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")
