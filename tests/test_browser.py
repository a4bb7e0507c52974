"""The HTML report in a real browser: headless Chromium opens it from disk, and through the
Chrome DevTools Protocol we record every network request and every console or log error,
then take a screenshot of the first screen and check that it is not blank.

Skipped (with the reason shown) when no Chromium is installed, except in CI (CI=true),
where a missing browser is a failure. With SOCIUS_UPDATE_SCREENSHOT=1 the screenshot is
copied to docs/report-screenshot.png (the README shows it).

The DevTools protocol speaks JSON over a websocket; the small client below uses only the
standard library, so the tests need no extra package.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from report_fixtures import stats_2019, stats_2020

from socius_cli.report.write import write_report

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1280, 900


def find_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome",
                 "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class WebSocket:
    """A minimal websocket client (RFC 6455): text frames out, text frames in."""

    def __init__(self, url: str, timeout: float = 30):
        u = urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\n"
             "Upgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        self.buf = bytearray()
        while b"\r\n\r\n" not in self.buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError("websocket handshake failed")
            self.buf += chunk
        end = self.buf.index(b"\r\n\r\n") + 4
        status = bytes(self.buf[:end]).split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise ConnectionError(f"websocket handshake refused: {status!r}")
        del self.buf[:end]

    def send(self, text: str, opcode: int = 0x1) -> None:
        payload = text.encode()
        header = bytearray([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 1 << 16:
            header.append(0x80 | 126)
            header += n.to_bytes(2, "big")
        else:
            header.append(0x80 | 127)
            header += n.to_bytes(8, "big")
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _read(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 16)
            if not chunk:
                raise ConnectionError("websocket closed")
            self.buf += chunk
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def recv(self) -> str:
        message = bytearray()
        while True:
            b1, b2 = self._read(2)
            opcode, n = b1 & 0x0F, b2 & 0x7F
            if n == 126:
                n = int.from_bytes(self._read(2), "big")
            elif n == 127:
                n = int.from_bytes(self._read(8), "big")
            mask = self._read(4) if b2 & 0x80 else None
            data = self._read(n)
            if mask:
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode == 0x9:  # ping
                self.send(data.decode(errors="replace"), opcode=0xA)
                continue
            if opcode == 0xA:
                continue
            message += data
            if b1 & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class DevTools:
    """Commands and events of one page target."""

    def __init__(self, ws: WebSocket):
        self.ws = ws
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg)

    def wait_for(self, method: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e["method"] == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg)

    def settle(self, seconds: float) -> None:
        """Keep collecting events for a while (late requests, errors)."""
        self.ws.sock.settimeout(0.2)
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                try:
                    msg = json.loads(self.ws.recv())
                except TimeoutError:
                    continue
                if "method" in msg:
                    self.events.append(msg)
        finally:
            self.ws.sock.settimeout(30)


def start_browser(chromium: str, profile: Path) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-extensions",
         "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
         f"--user-data-dir={profile}", "--remote-debugging-port=0",
         f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"chromium exited with status {proc.returncode}")
        if port_file.exists():
            lines = port_file.read_text().split()
            if lines and lines[0].isdigit():
                return proc, int(lines[0])
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("chromium did not open its DevTools port")


def page_target(port: int) -> str:
    deadline = time.monotonic() + 15
    while True:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        if time.monotonic() > deadline:
            raise RuntimeError("chromium has no page target")
        time.sleep(0.2)


def distinct_colours(png: bytes) -> tuple[int, float]:
    """How many distinct colours the image has, and the share of its most common one."""
    import numpy as np
    from PIL import Image

    img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    rgb = img.astype(np.uint32)
    codes = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    _, counts = np.unique(codes, return_counts=True)
    assert img.shape[0] == HEIGHT and img.shape[1] == WIDTH, img.shape
    return len(counts), counts.max() / counts.sum()


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is not installed; CI must install it (.ci/run does)")
        pytest.skip("Chromium is not installed (apt-get install chromium) - browser test skipped")
    return path


@pytest.fixture(scope="module")
def browser_run(chromium, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("browser")
    report = tmp / "voortgangsrapport-2020.html"
    write_report(stats=stats_2020(), previous=stats_2019(), fmt="html", output=report,
                 text_path=ROOT / "sample_data" / "tekst-2020.md")
    proc, port = start_browser(chromium, tmp / "profile")
    try:
        ws = WebSocket(page_target(port))
        cdp = DevTools(ws)
        for domain in ("Page", "Network", "Runtime", "Log"):
            cdp.call(f"{domain}.enable")
        cdp.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT,
                 deviceScaleFactor=1, mobile=False)
        cdp.events.clear()
        url = report.as_uri()
        cdp.call("Page.navigate", url=url)
        cdp.wait_for("Page.loadEventFired")
        cdp.settle(1.0)
        shot = base64.b64decode(cdp.call("Page.captureScreenshot", format="png")["data"])
        title = cdp.call("Runtime.evaluate", expression="document.title")["result"]["value"]
        cards = {WIDTH: card_boxes(cdp)}
        for width in (760, 420):  # a tablet and a phone: other numbers of cards per row
            cdp.call("Emulation.setDeviceMetricsOverride", width=width, height=HEIGHT,
                     deviceScaleFactor=1, mobile=False)
            cards[width] = card_boxes(cdp)
        ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    (tmp / "screenshot.png").write_bytes(shot)
    if os.environ.get("SOCIUS_UPDATE_SCREENSHOT") == "1":
        (ROOT / "docs").mkdir(exist_ok=True)
        (ROOT / "docs" / "report-screenshot.png").write_bytes(shot)
    return {"url": url, "events": cdp.events, "screenshot": shot, "title": title, "cards": cards}


# The boxes of every key-figure card and of its value, label and previous-year line.
CARD_BOXES = """JSON.stringify([...document.querySelectorAll('li.card')].map(card => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left]; };
  return {card: box(card), value: box(card.querySelector('.value')),
          label: box(card.querySelector('.label')), previous: box(card.querySelector('.previous'))};
}))"""


def card_boxes(cdp: DevTools) -> list[dict]:
    result = cdp.call("Runtime.evaluate", expression=CARD_BOXES)["result"]["value"]
    return json.loads(result)


def test_page_loads(browser_run):
    assert browser_run["title"] == "Voortgangsrapport 2020 · Socius"


def test_no_network_request(browser_run):
    requests = [e["params"]["request"]["url"] for e in browser_run["events"]
                if e["method"] == "Network.requestWillBeSent"]
    assert browser_run["url"] in requests  # the recording works
    other = [u for u in requests if u != browser_run["url"] and not u.startswith("data:")]
    assert other == []


def test_no_console_error(browser_run):
    assert console_errors(browser_run["events"]) == []


def console_errors(events: list[dict]) -> list:
    """The exceptions, console errors and warnings, log errors and failed loads among `events`."""
    errors = []
    for e in events:
        if e["method"] == "Runtime.exceptionThrown":
            errors.append(e["params"]["exceptionDetails"].get("text"))
        elif e["method"] == "Runtime.consoleAPICalled" and e["params"]["type"] in (
                "error", "assert", "warning"):
            errors.append(e["params"]["args"])
        elif e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] in (
                "error", "warning"):
            errors.append(e["params"]["entry"]["text"])
        elif e["method"] == "Network.loadingFailed":
            errors.append(e["params"].get("errorText"))
    return errors


def test_screenshot_is_not_blank(browser_run):
    png = browser_run["screenshot"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    colours, top_share = distinct_colours(png)
    assert colours > 200, colours  # text, cards and the title band, anti-aliased
    assert top_share < 0.8, top_share  # not one flat colour


def test_key_figure_cards_are_even(browser_run):
    """Every card as high as the others, whatever its label; in each card the value, the label
    and the previous year's line do not overlap; the previous-year lines of a row line up."""
    for width, cards in browser_run["cards"].items():
        assert len(cards) == 6, width
        heights = {round(c["card"][1] - c["card"][0]) for c in cards}
        assert len(heights) == 1, (width, heights)
        for c in cards:
            assert c["value"][1] <= c["label"][0] + 0.5, (width, c)
            assert c["label"][1] <= c["previous"][0] + 0.5, (width, c)
        rows: dict[int, set[int]] = {}
        for c in cards:
            rows.setdefault(round(c["card"][0]), set()).add(round(c["previous"][0]))
        assert all(len(tops) == 1 for tops in rows.values()), (width, rows)
        if width == WIDTH:
            assert len(rows) == 1  # six cards in one row on a wide screen


# --- the period report (socius report 2021-2025) ---------------------------------------------


@pytest.fixture(scope="module")
def period_run(chromium, tmp_path_factory) -> dict:
    """The period report of a generated five-year store, with targets, opened as the year
    report is: its requests, errors, first screen and key-figure cards."""
    from period_fixtures import EXAMPLE_TARGETS, make_span_store

    from socius_cli.figures.span import span_figures
    from socius_cli.report.write import write_period_report
    from socius_cli.store.store import Store

    tmp = tmp_path_factory.mktemp("browser-period")
    db, _records = make_span_store(tmp / "data")
    report = tmp / "voortgangsrapport-2021-2025.html"
    write_period_report(span=span_figures(Store(str(db)), (2021, 2025), EXAMPLE_TARGETS), fmt="html",
                        output=report)
    proc, port = start_browser(chromium, tmp / "profile")
    try:
        ws = WebSocket(page_target(port))
        cdp = DevTools(ws)
        for domain in ("Page", "Network", "Runtime", "Log"):
            cdp.call(f"{domain}.enable")
        cdp.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT,
                 deviceScaleFactor=1, mobile=False)
        cdp.events.clear()
        url = report.as_uri()
        cdp.call("Page.navigate", url=url)
        cdp.wait_for("Page.loadEventFired")
        cdp.settle(1.0)
        shot = base64.b64decode(cdp.call("Page.captureScreenshot", format="png")["data"])
        title = cdp.call("Runtime.evaluate", expression="document.title")["result"]["value"]
        cards = json.loads(cdp.call("Runtime.evaluate", expression=PERIOD_CARDS)["result"]["value"])
        scrolled = json.loads(cdp.call("Runtime.evaluate", expression=SCROLLED_TABLES)["result"]["value"])
        ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    (tmp / "screenshot.png").write_bytes(shot)
    return {"url": url, "events": cdp.events, "screenshot": shot, "title": title, "cards": cards,
            "scrolled": scrolled}


# The tables that do not fit their place and show a scroll bar.
SCROLLED_TABLES = """JSON.stringify([...document.querySelectorAll('.table-wrap')]
  .filter(w => w.scrollWidth > w.clientWidth + 1)
  .map(w => { const t = w.querySelector('table'); return t.dataset.table || t.caption?.textContent; }))"""


# Each card's box and its sparkline's: the line must be drawn inside its card, with a size.
PERIOD_CARDS = """JSON.stringify([...document.querySelectorAll('li.card')].map(card => {
  const box = el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; };
  return {card: box(card), label: box(card.querySelector('.label')), spark: box(card.querySelector('.spark svg'))};
}))"""


def test_period_report_loads_offline_without_errors(period_run):
    assert period_run["title"] == "Voortgangsrapport 2021-2025 · Socius"
    requests = [e["params"]["request"]["url"] for e in period_run["events"]
                if e["method"] == "Network.requestWillBeSent"]
    assert period_run["url"] in requests
    assert [u for u in requests if u != period_run["url"] and not u.startswith("data:")] == []
    assert console_errors(period_run["events"]) == []
    colours, top_share = distinct_colours(period_run["screenshot"])
    assert colours > 200 and top_share < 0.8


def test_no_table_of_the_period_report_needs_a_scroll_bar(period_run):
    """The tables beside the charts once were a few pixels too wide at 1280 px."""
    assert period_run["scrolled"] == []


def test_period_cards_are_even_with_their_sparkline_inside(period_run):
    cards = period_run["cards"]
    assert len(cards) == 7  # the six of the year report and the NPS (the span has answers)
    assert len({round(c["card"][1] - c["card"][0]) for c in cards}) == 1
    for c in cards:
        top, bottom, left, right = c["spark"]
        assert bottom - top >= 20 and right - left >= 80, c
        assert c["label"][1] <= top + 0.5 and bottom <= c["card"][1] and left >= c["card"][2], c
