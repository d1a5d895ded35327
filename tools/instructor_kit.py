"""Build the instructor's kit: `python tools/instructor_kit.py guide|quiz|slides|handouts [--out DIR]`.

guide     the Markdown of instructors/ (session plans, instructor notes per lesson, the answer key)
quiz      build/quiz/: Moodle XML, GIFT, a QTI package for Canvas (text2qti), a printable quiz and answer key
slides    build/slides/: one reveal.js deck per lesson, reveal.js copied from tools/slides/node_modules
handouts  build/handouts/: one PDF per lesson and the urgency scale, printed by Chromium
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = {
    "guide": ROOT / "instructors",
    "quiz": ROOT / "build" / "quiz",
    "slides": ROOT / "build" / "slides",
    "handouts": ROOT / "build" / "handouts",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", choices=sorted(DEFAULT_OUT))
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out: Path = args.out or DEFAULT_OUT[args.part]
    out.mkdir(parents=True, exist_ok=True)
    if args.part == "guide":
        from helpers.kit.guide import guide_files

        written = []
        for name, text in guide_files().items():
            (out / name).write_text(text, encoding="utf-8")
            written.append(out / name)
    elif args.part == "quiz":
        from helpers.kit.bank import write_quiz

        written = write_quiz(out)
    elif args.part == "slides":
        from helpers.kit.pages import write_slides

        written = write_slides(out, ROOT / "tools" / "slides" / "node_modules" / "reveal.js")
    else:
        from helpers.kit.pages import write_handouts

        written = write_handouts(out)
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
