"""The front-view skeleton the body map draws its sites on, and a sketch of Batson's plexus (body-map coordinates:
0-100 across, 0-101 up)."""

from __future__ import annotations

from typing import Any

from helpers import style


def _rect(x0: float, x1: float, y0: float, y1: float) -> str:
    return f"M {x0:.2f},{y0:.2f} L {x1:.2f},{y0:.2f} L {x1:.2f},{y1:.2f} L {x0:.2f},{y1:.2f} Z"


def _skeleton_paths() -> dict[str, str]:
    """The skeleton as a few SVG paths (few shapes keep a redraw fast), in body-map coordinates."""
    vertebrae = []
    for top, bottom, count in ((86.0, 80.0, 7), (80.0, 62.0, 12), (62.0, 51.0, 5)):  # cervical, thoracic, lumbar
        step = (top - bottom) / count
        vertebrae += [_rect(48.6, 51.4, top - i * step - step * 0.82, top - i * step) for i in range(count)]
    vertebrae.append("M 47.3,51 L 52.7,51 L 50,44.5 Z")  # sacrum
    ribs = []
    for i in range(7):
        y, w = 78.0 - i * 2.3, 8.5 + min(i, 4) * 0.9
        ribs += [
            f"M 50,{y:.2f} C {50 + d * w * 0.6:.2f},{y + 1.6:.2f} {50 + d * w:.2f},{y:.2f} {50 + d * w:.2f},{y - 3.2:.2f}"
            for d in (-1, 1)
        ]
    pelvis = [
        f"M {50 + d * 2.5},50.5 C {50 + d * 9},54 {50 + d * 13},52 {50 + d * 12},46.5 C {50 + d * 11},43 {50 + d * 6},41.5 {50 + d * 3},41.5 Z"
        for d in (-1, 1)
    ]
    limbs = ["M 35,79.5 L 49,78.5", "M 51,78.5 L 65,79.5"]  # collarbones
    for d in (-1, 1):  # humerus, forearm, femur, lower leg
        for (xa, ya), (xb, yb) in (
            ((16, 79), (20, 60)),
            ((20.5, 58.5), (22.5, 44)),
            ((7.4, 44), (9, 24)),
            ((8.8, 22.5), (8.8, 4)),
        ):
            limbs.append(f"M {50 + d * xa},{ya} L {50 + d * xb},{yb}")
    return {
        "spine": " ".join(vertebrae),
        "ribs": " ".join(ribs),
        "sternum": _rect(49.2, 50.8, 66.5, 77.5),
        "pelvis": " ".join(pelvis),
        "limbs": " ".join(limbs),
    }


SKELETON_PATHS = _skeleton_paths()


def skeleton_shapes(dim: bool, spine_focus: bool) -> list[dict[str, Any]]:
    """A simple front-view skeleton (patient's right on the left); ``dim`` fades all but the spine."""
    other = 0.35 if dim else 0.85
    spine = 0.95 if spine_focus else other

    def path(key: str, width: float, opacity: float, filled: bool = True) -> dict[str, Any]:
        return {
            "type": "path",
            "path": SKELETON_PATHS[key],
            "fillcolor": style.SAND if filled else None,
            "line": {"color": style.GREY, "width": width},
            "opacity": opacity,
            "layer": "below",
        }

    line = {"color": style.GREY, "width": 2}
    skull = style.shape("circle", 43.5, 86.5, 56.5, 99.0, fillcolor=style.SAND, line=line, opacity=other, layer="below")
    return [
        skull,
        path("ribs", 2, other, filled=False),
        path("pelvis", 2, other),
        path("limbs", 5, other, filled=False),
        path("spine", 1, spine),
        path("sternum", 1, other),
    ]


def plexus() -> tuple[list[float | None], list[float | None]]:
    """A sketch of Batson's plexus: veins on both sides of the spine, linked to pelvic and chest veins."""
    lines = [
        ([47.0, 47.0], [45.0, 87.5]),
        ([53.0, 53.0], [45.0, 87.5]),
        ([47.0, 41.0], [47.0, 45.0]),
        ([53.0, 59.0], [47.0, 45.0]),
        ([47.0, 40.0], [72.0, 73.5]),
        ([53.0, 60.0], [72.0, 73.5]),
    ]
    return style.polylines([list(x) for x, _ in lines]), style.polylines([list(y) for _, y in lines])
