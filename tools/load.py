"""`make load`: a class at once in the app view. N simulated learners open lessons and change their controls.

For N = 1, 10 and 30, N learners start together against one Voila server on 127.0.0.1, run with the
course's settings (jupyter-config/: pre-started kernels, culling). Each learner is a websocket client
that does what Voila's page does: it requests the page, connects to the page's kernel, fetches the
widgets' state (everything a chart needs to be drawn, plotly.js included), then changes controls
(a list's option, a toggle, a tick box, a button) with a short pause between changes, and closes the
page the way a browser does (Voila's unload request). Learner i opens lesson i modulo the number of
lessons. The learners' browsers would run on the learners' own machines; here one real Chromium page is
opened beside each round (the probe) to show the time to a drawn chart under that load.

Before the rounds, each lesson is opened alone in Chromium once its pool is warm: the page's HTML and
its first drawn chart, the goal being 1 s (median over the lessons).

Reported for each N: page to first chart (p50, p95), control round trip (p50, p95; from the change
sent to the kernel's "idle" after it), live kernels and the server's memory (RSS of Voila and its
kernels) during and after, and every error. Bounded (a deadline per learner and per run), localhost
only, stops by itself. Writes bench/results/load.json and prints a table.

    python tools/load.py [--rounds 1 10 30] [--changes 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from driver import percentile  # noqa: E402
from servers import (  # noqa: E402
    BIN,
    CHROMIUM_ARGS,
    find_chromium,
    free_port,
    kernels,
    offline_page,
    start,
    start_voila,
    stop,
)

RESULTS = ROOT / "bench" / "results" / "load.json"
LESSONS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("00-"))
SETTINGS = json.loads((ROOT / "jupyter-config" / "voila.json").read_text())
POOL = SETTINGS["VoilaKernelManager"]["kernel_pools_config"]["default"]["pool_size"]
NOTEBOOKS = len(list((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")))
LEARNER_DEADLINE_S = 420  # a learner that has not finished by then counts as an error
RUN_DEADLINE_S = 2400  # the whole run stops by then, whatever happens
GOAL_FIRST_CHART_S = 1.0
# the controls a learner changes, by widget model, and how
LISTS = {"DropdownModel", "ToggleButtonsModel", "RadioButtonsModel", "SelectModel"}
MB = 1024 * 1024
CONTROL_PROTOCOL = "1.0.0"  # ipywidgets 8's widget control protocol


@dataclass
class Learner:
    """What one simulated learner saw."""

    notebook: str
    page_s: float = -1.0  # page requested -> its HTML complete
    first_chart_s: float = -1.0  # page requested -> the widgets' state (with a chart's figure) received
    round_trips_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def message(msg_type: str, content: dict[str, Any], session: str, metadata: dict[str, Any]) -> dict[str, Any]:
    header = {
        "msg_id": uuid.uuid4().hex,
        "msg_type": msg_type,
        "username": "learner",
        "session": session,
        "version": "5.3",
        "date": "",
    }
    return {
        "header": header,
        "parent_header": {},
        "metadata": metadata,
        "content": content,
        "channel": "shell",
        "buffers": [],
    }


def decode(frame: str | bytes) -> dict[str, Any]:
    """A kernel message from the server's websocket (text JSON, or the binary form for messages with buffers)."""
    if isinstance(frame, str):
        return dict(json.loads(frame))
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return dict(json.loads(frame[offsets[0] : end].decode("utf-8")))


class Kernel:
    """The page's kernel, over the websocket Voila's page uses."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.session = uuid.uuid4().hex
        self.errors: list[str] = []

    async def send(self, msg_type: str, content: dict[str, Any], metadata: dict[str, Any] | None = None) -> str:
        msg = message(msg_type, content, self.session, metadata or {})
        await self.connection.write_message(json.dumps(msg))
        return str(msg["header"]["msg_id"])

    async def until(self, parent: str, done: Any, deadline: float) -> dict[str, Any]:
        """Read messages until ``done(msg)`` holds for a message answering ``parent``; note kernel errors."""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from the kernel")
            frame = await asyncio.wait_for(self.connection.read_message(), left)
            if frame is None:
                raise ConnectionError("the kernel websocket closed")
            msg = decode(frame)
            kind = msg.get("msg_type") or msg.get("header", {}).get("msg_type")
            text = str(msg["content"].get("text", ""))
            if kind == "error" or (kind == "stream" and "Traceback" in text):  # a callback failed
                self.errors.append(str(msg["content"].get("ename") or text)[:200])
            if msg.get("parent_header", {}).get("msg_id") == parent and done(msg):
                return msg


def idle(msg: dict[str, Any]) -> bool:
    return bool(msg.get("msg_type") == "status" and msg["content"].get("execution_state") == "idle")


def states_of(msg: dict[str, Any]) -> dict[str, Any] | None:
    data = msg.get("content", {}).get("data", {})
    return data.get("states") if data.get("method") == "update_states" else None


def changes(states: dict[str, Any], rng: random.Random, count: int) -> list[tuple[str, dict[str, Any]]]:
    """``count`` changes a learner makes: (model id, comm message data), over the page's enabled controls."""
    controls = [
        (model_id, s["state"])
        for model_id, s in states.items()
        if s["state"].get("_model_name") in LISTS | {"CheckboxModel", "ButtonModel"} and not s["state"].get("disabled")
    ]
    picked: list[tuple[str, dict[str, Any]]] = []
    for _ in range(count if controls else 0):
        model_id, state = rng.choice(controls)
        name = state["_model_name"]
        if name in LISTS:
            options = len(state.get("_options_labels", []))
            if options < 2:
                continue
            current = state.get("index") if isinstance(state.get("index"), int) else 0
            state["index"] = rng.choice([i for i in range(options) if i != current])
            picked.append((model_id, {"method": "update", "state": {"index": state["index"]}, "buffer_paths": []}))
        elif name == "CheckboxModel":
            state["value"] = not state.get("value")
            picked.append((model_id, {"method": "update", "state": {"value": state["value"]}, "buffer_paths": []}))
        else:
            picked.append((model_id, {"method": "custom", "content": {"event": "click"}}))
    return picked


async def learn(base: str, notebook: str, seed: int, count: int) -> Learner:
    """One learner: open the page, fetch the widgets, change ``count`` controls, close the page."""
    result = Learner(notebook)
    rng = random.Random(seed)
    deadline = time.monotonic() + LEARNER_DEADLINE_S
    http = AsyncHTTPClient()
    try:
        # the class follows a link to the course's landing page, then opens a lesson from it
        landing = await http.fetch(HTTPRequest(f"{base}/", request_timeout=LEARNER_DEADLINE_S))
        cookies = [c.split(";")[0] for c in landing.headers.get_list("Set-Cookie")]
        xsrf = next((c.split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")), "")
        start = time.monotonic()
        response = await http.fetch(
            HTTPRequest(
                f"{base}/voila/render/{notebook}",
                headers={"Cookie": "; ".join(cookies)},
                request_timeout=LEARNER_DEADLINE_S,
            ),
        )
        result.page_s = time.monotonic() - start
        html = response.body.decode("utf-8")
        config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
        if not config:
            raise ValueError("the page names no kernel")
        kernel_id = json.loads(config.group(1))["kernelId"]
        ws_base = base.replace("http://", "ws://")
        kernel = Kernel(
            await websocket_connect(
                HTTPRequest(f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"),
                max_message_size=64 * MB,
            )
        )
        try:
            sent = await kernel.send("kernel_info_request", {})
            await kernel.until(sent, lambda m: m.get("msg_type") == "kernel_info_reply", deadline)
            control_comm = uuid.uuid4().hex
            await kernel.send(  # ipywidgets' control channel, which hands over every widget's state at once
                "comm_open",
                {"comm_id": control_comm, "target_name": "jupyter.widget.control", "data": {}},
                {"version": CONTROL_PROTOCOL},
            )
            sent = await kernel.send("comm_msg", {"comm_id": control_comm, "data": {"method": "request_states"}})
            reply = await kernel.until(sent, lambda m: states_of(m) is not None, deadline)
            states = states_of(reply) or {}
            if not any(s["state"].get("_model_name") == "AnyModel" and s["state"].get("spec") for s in states.values()):
                result.errors.append("no chart in the widgets' state")
            result.first_chart_s = time.monotonic() - start
            for model_id, data in changes(states, rng, count):
                await asyncio.sleep(rng.uniform(0.3, 1.0))  # the learner looks at the chart
                t0 = time.monotonic()
                sent = await kernel.send("comm_msg", {"comm_id": model_id, "data": data})
                await kernel.until(sent, idle, deadline)
                result.round_trips_ms.append((time.monotonic() - t0) * 1000)
            result.errors.extend(kernel.errors)
        finally:
            kernel.connection.close()
        # the page is closed: Voila's page asks the server to shut its kernel down (as a browser does)
        closed = await http.fetch(
            HTTPRequest(
                f"{base}/voila/api/shutdown/{kernel_id}",
                method="POST",
                body=urllib.parse.urlencode({"_xsrf": xsrf}),
                headers={"Cookie": "; ".join(cookies)},
                request_timeout=60,
            ),
            raise_error=False,
        )
        if closed.code >= 400:
            result.errors.append(f"closing the page: HTTP {closed.code}")
    except Exception as error:  # every failure is reported, none stops the other learners
        result.errors.append(f"{type(error).__name__}: {error}"[:200])
    return result


class Sampler(threading.Thread):
    """Live kernels and RSS (MB) of the server and its kernels, every 0.5 s."""

    def __init__(self, server: Any) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.samples: list[tuple[int, float, list[float]]] = []
        self.running = True

    def measure(self) -> tuple[int, float, list[float]]:
        live = kernels(self.server)
        kernel_mb = []
        for k in live:
            try:
                kernel_mb.append(k.memory_info().rss / MB)
            except psutil.Error:
                continue
        server_mb = psutil.Process(self.server.pid).memory_info().rss / MB
        return len(live), server_mb + sum(kernel_mb), kernel_mb

    def run(self) -> None:
        while self.running:
            self.samples.append(self.measure())
            time.sleep(0.5)

    def stop(self) -> list[tuple[int, float, list[float]]]:
        self.running = False
        self.join()
        return self.samples


def busy_cpu_percent(server: Any) -> float:
    """CPU use (percent of one core) of the server and its kernels over one second."""
    processes = [psutil.Process(server.pid), *kernels(server)]
    for p in processes:
        p.cpu_percent(None)
    time.sleep(1)
    total = 0.0
    for p in processes:
        try:
            total += p.cpu_percent(None)
        except psutil.Error:
            continue
    return total


def settle(server: Any, seconds: float = 180) -> tuple[int, float]:
    """Wait until only the pools' kernels are left and have run their notebooks (the server and its kernels
    idle for 2 s running); return the live kernels and the RSS (MB)."""
    deadline = time.monotonic() + seconds
    quiet = 0
    while time.monotonic() < deadline and quiet < 2:
        idle = len(kernels(server)) == POOL * NOTEBOOKS and busy_cpu_percent(server) < 10
        quiet = quiet + 1 if idle else 0
        if not idle:
            time.sleep(0.5)
    live, mb, _ = Sampler(server).measure()
    return live, mb


def first_chart_in_browser(browser: Any, base: str, notebook: str) -> tuple[float, float]:
    """Seconds from the page's request to its HTML, and to its first drawn chart, in Chromium."""
    page = offline_page(browser)
    try:
        page.goto(f"{base}/")  # from the landing page, as a class does (it sets the cookie the unload request needs)
        start = time.monotonic()
        response = page.goto(f"{base}/voila/render/{notebook}", wait_until="commit")
        response.finished()  # the whole HTML has arrived
        html = time.monotonic() - start
        page.wait_for_selector(".js-plotly-plot svg.main-svg", state="attached", timeout=LEARNER_DEADLINE_S * 1000)
        drawn = time.monotonic() - start
        if page.blocked:
            raise RuntimeError(f"the page asked another host for {page.blocked}")
        return html, drawn
    finally:
        page.close(run_before_unload=True)  # Voila's unload request ends the page's kernel
        time.sleep(1)  # the request leaves after the page has gone: closing its context at once would drop it
        page.context.close()


def lab_server_mb() -> float:
    """RSS of an idle JupyterLab server with the course's settings: what a hub's single-user server costs."""
    port = free_port()
    cmd = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1"]
    cmd += ["--IdentityProvider.token=", "--ServerApp.allow_root=True", f"--ServerApp.root_dir={ROOT}"]
    server = start(cmd, ROOT, f"http://127.0.0.1:{port}/api/status", ROOT / "tests" / "artifacts" / "lab-load.log")
    try:
        time.sleep(3)
        return float(psutil.Process(server.pid).memory_info().rss / MB)
    finally:
        stop(server)


def summary(values: list[float], scale: float = 1.0) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None}
    return {"p50": round(statistics.median(values) * scale, 3), "p95": round(percentile(values, 95) * scale, 3)}


async def class_round(base: str, n: int, count: int) -> list[Learner]:
    AsyncHTTPClient.configure(None, max_clients=max(64, 2 * n))
    tasks = [learn(base, LESSONS[i % len(LESSONS)], seed=1000 * n + i, count=count) for i in range(n)]
    return list(await asyncio.gather(*tasks))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, nargs="+", default=[1, 10, 30], help="numbers of learners")
    parser.add_argument("--changes", type=int, default=8, help="controls each learner changes")
    parser.add_argument("--lessons", nargs="*", default=LESSONS, help="lessons opened alone in Chromium first")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if not chromium:
        print("make load needs Debian's chromium (sudo apt-get install chromium)")
        return 2
    running: list[Any] = []

    def give_up() -> None:  # bounded, whatever happens: stop the server (and so its kernels), then exit
        print(f"make load: still running after {RUN_DEADLINE_S} s, stopped", flush=True)
        for server in running:
            stop(server)
        os._exit(3)

    watchdog = threading.Timer(RUN_DEADLINE_S, give_up)
    watchdog.daemon = True
    watchdog.start()
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg_at_start": os.getloadavg()},
        "settings": {
            "pool_size": POOL,
            "cull_idle_timeout": SETTINGS["MappingKernelManager"]["cull_idle_timeout"],
            "cull_interval": SETTINGS["MappingKernelManager"]["cull_interval"],
        },
        "goal_first_chart_s": GOAL_FIRST_CHART_S,
    }
    log = ROOT / "tests" / "artifacts" / "voila-load.log"
    server, base = start_voila(ROOT / "notebooks", log)
    running.append(server)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            solo = {}
            for notebook in args.lessons:
                settle(server)
                html, drawn = first_chart_in_browser(browser, base, notebook)
                solo[notebook] = {"html_s": round(html, 3), "first_chart_s": round(drawn, 3)}
            results["alone"] = {
                "notebooks": solo,
                "first_chart_s_median": round(statistics.median(v["first_chart_s"] for v in solo.values()), 3),
                "html_s_median": round(statistics.median(v["html_s"] for v in solo.values()), 3),
            }
            results["rounds"] = []
            for n in args.rounds:
                results["rounds"].append(run_round(server, base, browser, n, args.changes))
            browser.close()
        results["machine"]["load_avg_at_end"] = os.getloadavg()
    finally:
        stop(server)
        running.clear()
    largest = max(results["rounds"], key=lambda r: r["learners"])
    # one learner's kernel, its lesson run and its controls changed (the largest median of the rounds)
    results["kernel_mb"] = max(r["kernel_rss_mb_median"] or 0 for r in results["rounds"])
    results["lab_server_mb"] = round(lab_server_mb())
    if largest["learners"] > 1:  # what the whole server grew by, per learner
        results["mb_per_learner"] = round(
            (largest["rss_mb"]["during_max"] - largest["rss_mb"]["before"]) / largest["learners"]
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    report(results)
    watchdog.cancel()
    return 1 if any(r["errors"] or r["probe"].get("error") for r in results["rounds"]) else 0


def run_round(server: Any, base: str, browser: Any, n: int, count: int) -> dict[str, Any]:
    """A round of ``n`` learners, with one Chromium page of the first lesson opened as they start."""
    idle_kernels, idle_mb = settle(server)
    sampler = Sampler(server)
    sampler.start()
    probe: dict[str, Any] = {}
    started = time.monotonic()
    box: dict[str, list[Learner]] = {}
    crowd = threading.Thread(target=lambda: box.update(learners=asyncio.run(class_round(base, n, count))))
    crowd.start()
    try:
        probe["html_s"], probe["first_chart_s"] = (
            round(x, 3) for x in first_chart_in_browser(browser, base, LESSONS[0])
        )
    except Exception as error:
        probe["error"] = f"{type(error).__name__}: {error}"[:200]
    crowd.join()
    took = time.monotonic() - started
    learners = box.get("learners", [])
    samples = sampler.stop()
    after_kernels, after_mb = settle(server)
    busiest = max(samples, key=lambda s: s[0])
    return {
        "learners": n,
        "seconds": round(took, 1),
        "page_html_s": summary([x.page_s for x in learners if x.page_s >= 0]),
        "first_chart_s": summary([x.first_chart_s for x in learners if x.first_chart_s >= 0]),
        "round_trip_ms": summary([ms for x in learners for ms in x.round_trips_ms]),
        "changes": sum(len(x.round_trips_ms) for x in learners),
        "kernels": {"before": idle_kernels, "during_max": busiest[0], "after": after_kernels},
        "rss_mb": {"before": round(idle_mb), "during_max": round(max(s[1] for s in samples)), "after": round(after_mb)},
        "kernel_rss_mb_median": round(statistics.median(busiest[2]), 1) if busiest[2] else None,
        "errors": [f"{x.notebook}: {e}" for x in learners for e in x.errors] + ([] if learners else ["no learner ran"]),
        "probe": probe,
    }


def report(r: dict[str, Any]) -> None:
    alone = r["alone"]
    print(
        f"\nAlone, pool warm (Chromium): first chart drawn {alone['first_chart_s_median']:.2f} s median over the "
        f"lessons (goal {GOAL_FIRST_CHART_S:.0f} s), page HTML {alone['html_s_median'] * 1000:.0f} ms"
    )
    for name, v in alone["notebooks"].items():
        print(f"  {name:40} html {v['html_s'] * 1000:6.0f} ms   first chart {v['first_chart_s']:5.2f} s")
    print("\nLearners at once (websocket clients; page -> widgets' state; round trip -> kernel idle):")
    print(
        f"  {'N':>3} {'chart p50':>9} {'p95':>6} {'rt p50':>7} {'p95':>6} {'kernels':>13} {'RSS MB':>16} "
        f"{'kernel MB':>9} {'probe':>6} {'errors':>6}"
    )
    for x in r["rounds"]:
        k, m = x["kernels"], x["rss_mb"]
        probe = x["probe"].get("first_chart_s")
        probe_s = f"{probe:5.1f}s" if probe is not None else "  fail"
        print(
            f"  {x['learners']:3d} {x['first_chart_s']['p50'] or 0:8.2f}s {x['first_chart_s']['p95'] or 0:5.2f}s "
            f"{x['round_trip_ms']['p50'] or 0:6.0f}ms {x['round_trip_ms']['p95'] or 0:4.0f}ms "
            f"{k['before']:3d}/{k['during_max']:3d}/{k['after']:3d}   {m['before']:5d}/{m['during_max']:5d}/{m['after']:5d} "
            f"{x['kernel_rss_mb_median'] or 0:9.0f} {probe_s} {len(x['errors']):6d}"
        )
    print("  (kernels and RSS: before / most during / after; probe: a Chromium page's first drawn chart meanwhile)")
    print(f"  a learner's kernel: {r['kernel_mb']:.0f} MB; an idle JupyterLab server: {r['lab_server_mb']} MB")
    if "mb_per_learner" in r:
        print(f"  the app view's server grew by {r['mb_per_learner']} MB per learner")
    for x in r["rounds"]:
        for e in x["errors"][:10]:
            print(f"  error (N={x['learners']}): {e}")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
