"""Build the course website (`make site`) and its zip (`make site-zip`): static pages, every control live, no server.

Sphinx with myst-nb turns each notebook into a page (code hidden; narrative, charts, tables, self-checks, exercises,
references). The notebooks are executed with COURSE_SITE=1: each explorer then writes the view of every state,
rendered by its own render(state), into the page (helpers/static.py), and site/_static/course.js switches them when a
control changes. plotly.js is copied once from the installed plotly package. A glossary page (searchable, like the
lessons) and a landing page with the course map are generated from data/.

    python tools/build_site.py [--out build/site] [--zip]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import plotly
from nbclient import NotebookClient

from helpers import static

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "build" / "site-src"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md_text(text: object) -> str:
    """Plain text from data/ made safe for Markdown: every character Markdown (or HTML) would act on is escaped."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def glossary_page() -> str:
    from helpers.data import load_table

    glossary = load_table("glossary").sort_values("term", key=lambda s: s.str.lower())
    lines = [
        "# Glossary",
        "",
        "Every term the course uses, in plain words. The search box at the top of every page finds them too.",
        "",
    ]
    for term, definition in zip(glossary["term"], glossary["definition"]):
        lines += [md_text(term), f": {md_text(definition)}", ""]
    return "\n".join(lines)


def index_page(notebooks: list[Path], patients: list[Path]) -> str:
    from helpers.course import course_map_html, lessons

    course_map = course_map_html(lessons(ROOT / "notebooks")).replace(".ipynb", ".html")
    toctree = "\n".join(p.stem for p in notebooks)
    patient_toctree = "\n".join(f"patients/{p.stem}" for p in patients)
    return f"""# How cancer spreads: an open course on metastasis

> **For education only.** This course explains how cancer spreads in general; it is not medical advice and cannot tell
> anyone what is happening in their own body. Questions about a diagnosis, symptoms or follow-up belong with the care team.

Every chart on these pages answers its controls in the browser, with no server and no internet connection: the
website can be opened from a folder, a USB stick or a learning-management system. The same lessons run as Jupyter
notebooks (see the course's README).

## The course map

```{{raw}} html
{course_map}
```

Patient educators: the [plain-language pages](patients/{patients[0].stem}) explain metastasis, when to contact the
care team and follow-up in everyday words, large type and one idea at a time.

```{{toctree}}
:hidden:
:maxdepth: 1
:caption: The lessons

{toctree}
glossary
```

```{{toctree}}
:hidden:
:maxdepth: 1
:caption: For patients

{patient_toctree}
```
"""


def prepare(source: Path) -> list[Path]:
    """Lay out the Sphinx project: settings, static files, the notebooks and the generated pages."""
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(ROOT / "site", source)
    shutil.copy(PLOTLY_JS, source / "_static" / "plotly.min.js")
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    patients = sorted((ROOT / "notebooks" / "patients").glob("[0-9][0-9]-*.ipynb"))
    (source / "patients").mkdir()
    for notebook in [
        *notebooks,
        *patients,
    ]:  # Jupyter's heading anchors (#The-course-map) as Sphinx writes them (#the-course-map)
        text = notebook.read_text(encoding="utf-8")
        text = re.sub(r"\]\(([\w.-]*)#([\w-]+)\)", lambda m: f"]({m[1]}#{m[2].lower()})", text)
        target = source / notebook.relative_to(ROOT / "notebooks")
        target.write_text(text, encoding="utf-8")
        execute(target)
    (source / "glossary.md").write_text(glossary_page(), encoding="utf-8")
    (source / "index.md").write_text(index_page(notebooks, patients), encoding="utf-8")
    return notebooks


def execute(path: Path) -> None:
    """Run a notebook top to bottom for the website: widgets display as pre-rendered HTML, no widget state kept."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)


def build(out: Path) -> float:
    start = time.perf_counter()
    os.environ[static.SITE_ENV] = "1"  # the kernels inherit it
    prepare(SOURCE)
    env = dict(os.environ)
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", str(SOURCE), str(out)]
    subprocess.run(command, check=True, env=env, cwd=SOURCE)
    return time.perf_counter() - start


def make_zip(site: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site.rglob("*")):
            if path.is_file() and ".doctrees" not in path.parts and path.name != ".buildinfo":
                archive.write(path, Path("course-site") / path.relative_to(site))
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("--zip", action="store_true", help="also write build/course-site.zip")
    args = parser.parse_args(argv)
    seconds = build(args.out)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file() and ".doctrees" not in p.parts)
    print(f"site: {args.out} built in {seconds:.0f} s, {size / 1e6:.1f} MB; open {args.out / 'index.html'}")
    if args.zip:
        target = make_zip(args.out, ROOT / "build" / "course-site.zip")
        print(f"zip: {target} ({target.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
