"""Open a page in Debian's headless Chromium, collect its console errors, take a full-page screenshot.

No extra Python package: Chromium's DevTools protocol over a pipe (``--remote-debugging-pipe``:
the browser reads JSON messages ending with NUL on fd 3, writes on fd 4).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"


class BrowserError(RuntimeError):
    pass


@dataclass
class PageRun:
    errors: list[str] = field(default_factory=list)
    png: bytes = b""
    size: tuple[int, int] = (0, 0)
    text: str = ""  # the page's visible text


def chromium_path() -> str | None:
    return CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")


def _above_nine(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class _Pipe:
    def __init__(self, exe: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # the child's ends move above 9 so that putting them on fd 3 and 4 never closes one of them
        to_child_r, from_child_w = (_above_nine(to_child_r), _above_nine(from_child_w))
        args = ["--headless", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--mute-audio",
                "--hide-scrollbars", "--window-size=1280,900"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        # the shell puts the pipe ends on fd 3 and 4, where Chromium expects them
        script = f'exec "$0" "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        self.proc = subprocess.Popen(["/bin/bash", "-c", script, exe, *args, "about:blank"],
                                     pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        return self._next

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium ne répond pas (délai dépassé)")
            ready, _w, _x = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium s'est arrêté")
                self._buf += chunk
        raw, _sep, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             timeout: float = 30) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            msg = self._read(deadline)
            if msg.get("id") == wanted:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        if any(m.get("method") == method for m in self.events):
            return
        while True:
            msg = self._read(deadline)
            self.events.append(msg)
            if msg.get("method") == method:
                return

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(timeout=10)
        finally:
            os.close(self._to_child)
            os.close(self._from_child)


def _errors(events: list[dict[str, Any]]) -> list[str]:
    out = []
    for m in events:
        p = m.get("params", {})
        if m.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
        elif m.get("method") == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("exception: " + str(d.get("exception", {}).get("description") or d.get("text")))
        elif m.get("method") == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            entry = p["entry"]
            out.append(f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip())
    return out


def open_page(path: Path, *, width: int = 1280, max_height: int | None = None) -> PageRun:
    """Load ``path`` (file://), wait for its load event, return its console errors, its text and a PNG of the
    whole page (its first ``max_height`` pixels when given)."""
    exe = chromium_path()
    if exe is None:
        raise BrowserError("chromium introuvable : lancez « bash scripts/setup.sh --test » (apt install chromium)")
    with tempfile.TemporaryDirectory(prefix="explorateurs-chromium-") as profile:
        pipe = _Pipe(exe, profile)
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Runtime", "Log", "Page"):
                pipe.call(f"{domain}.enable", session=session)
            pipe.call("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session)
            pipe.call("Page.navigate", {"url": path.resolve().as_uri()}, session)
            pipe.wait_event("Page.loadEventFired")
            shown = pipe.call("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True},
                              session)["result"].get("value", "")  # and the messages sent before it arrive first
            metrics = pipe.call("Page.getLayoutMetrics", session=session)
            content = metrics.get("cssContentSize") or metrics["contentSize"]
            w, h = int(content["width"]), int(content["height"])
            clip = {"x": 0, "y": 0, "width": w, "height": min(h, max_height or h), "scale": 1}
            shot = pipe.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                             session)
            return PageRun(_errors(pipe.events), base64.b64decode(shot["data"]), (w, h), shown)
        finally:
            pipe.close()
