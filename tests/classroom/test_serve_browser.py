"""`ceasefire serve` in a real headless Chromium, driven by the DevTools protocol.

The page loads, the title screen arrives over the websocket, and a new game starts by keys.
What the browser's terminal shows is read from the websocket frames it receives (the
terminal draws on a canvas). Skips cleanly when Chromium is absent
(Debian: `apt-get install -y chromium`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from game.serve import bind_warning, game_command, public_url_for

CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p and Path(p).is_file()), None)
ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])")


# ---------------------------------------------------------------- plain unit tests of the wrapper


def test_loopback_by_default_and_a_warning_for_wider_binds():
    assert bind_warning("127.0.0.1", 8000) == "" and bind_warning("localhost", 8000) == ""
    assert bind_warning("::1", 8000) == ""
    w = bind_warning("0.0.0.0", 8000)
    assert "warning" in w and "trusted" in w and "8000" in w


def test_public_url_never_points_browsers_at_0000():
    assert public_url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert "0.0.0.0" not in public_url_for("0.0.0.0", 8000)
    assert public_url_for("0.0.0.0", 8000, "https://class.example.org/") == "https://class.example.org"


def test_game_command():
    cmd = game_command("/tmp/class saves", "basra_2008", 2008, "hard", python="/usr/bin/python3")
    assert cmd == "/usr/bin/python3 -m game --saves-dir '/tmp/class saves' play --scenario basra_2008 --seed 2008 --difficulty hard"
    assert game_command("/tmp/s", python="py") == "py -m game --saves-dir /tmp/s play"
    assert game_command(python="py") == "py -m game play"


def test_class_world_from_a_code_or_a_seed():
    from game.classroom.codes import encode
    from game.serve import class_world

    code = encode("basra_2008", 2008, "hard")
    assert class_world(code, None, None, None) == ("basra_2008", 2008, "hard", code)
    assert class_world(None, None, 2008, "hard")[3] == code
    assert class_world(None, None, None, None) == (None, None, None, "")
    # no difficulty named: the scenario's default, named as the game names it, so the codes agree
    assert class_world(None, "basra_2008", 2008, None) == ("basra_2008", 2008, "normal", encode("basra_2008", 2008, "normal"))


def test_serve_cli_parser_defaults():
    from game.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def test_serve_rejects_a_bad_code_before_serving(capsys):
    from game.cli import main

    assert main(["serve", "--port", str(_free_port()), "--code", "NOT-A-CODE"]) == 1
    assert "class code" in capsys.readouterr().err


def test_serve_reports_a_busy_port(capsys):
    from game.cli import main

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    try:
        assert main(["serve", "--port", str(s.getsockname()[1])]) == 1
    finally:
        s.close()
    assert "--port" in capsys.readouterr().err


def test_serve_names_the_class_world_it_starts(monkeypatch, tmp_path, capsys):
    """What the teacher reads when the server starts with a class code: the scenario too, not only the
    seed and the difficulty (the 11-turn classroom scenario and the 24-turn campaign share seeds)."""
    import textual_serve.server

    from game.cli import main

    started = []

    class NoServer:  # everything up to serving, without holding the port
        def __init__(self, command, **kw):
            started.append(command)

        def serve(self):
            return None

    monkeypatch.setattr(textual_serve.server, "Server", NoServer)
    assert main(["--saves-dir", str(tmp_path / "class"), "serve", "--port", str(_free_port()), "--code", "HVR00-01YR4"]) == 0
    err = capsys.readouterr().err
    assert "Every browser starts the same world: scenario basra_short, seed 2008, difficulty easy. Class code: HVR00-01YR4" in err
    assert started and "--scenario basra_short --seed 2008 --difficulty easy" in started[0]


# ---------------------------------------------------------------- the browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float) -> bytes:
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except OSError as exc:
            last = exc
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {timeout}s ({last})")


class Page:
    """A minimal DevTools-protocol client for one page target."""

    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        # what the terminal websocket of the page last loaded (load()) received so far, escape sequences removed,
        # and the terminal sizes it sent the game (columns, lines): frames the page before it still received
        # while the next one loaded (its game's redraw after a resize: 'New game' again) passed for the new
        # page's, and the test went on in the old page (tests/classroom, seen under load)
        self.screen = ""
        self.sizes: list[tuple[int, int]] = []
        self.socket = None  # the DevTools request id of that websocket ("" while a page loads)
        self.requests: list[str] = []  # the address of every request the browser made, in order
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self):
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.socket = data["params"]["requestId"]
                self.screen = ""
                self.sizes.clear()
            elif data.get("method", "").startswith("Network.webSocketFrame") and data["params"]["requestId"] != self.socket:
                continue  # a frame of an earlier page's websocket
            elif data.get("method") == "Network.webSocketFrameSent":
                sent = data["params"]["response"].get("payloadData", "")
                if sent.startswith('["resize"'):
                    size = json.loads(sent)[1]
                    self.sizes.append((size["width"], size["height"]))
            elif data.get("method") == "Network.webSocketFrameReceived":
                r = data["params"]["response"]
                raw = base64.b64decode(r["payloadData"]) if r.get("opcode") == 2 else r["payloadData"].encode()
                self.screen += ANSI.sub("", raw.decode("utf-8", "replace"))

    async def send(self, method: str, **params):
        self.next_id += 1
        fut = asyncio.get_event_loop().create_future()
        self.pending[self.next_id] = fut
        await self.ws.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(fut, 20)
        if "error" in reply:
            raise AssertionError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def load(self, url: str):
        """Navigate to `url`; what its terminal receives starts afresh, and nothing of the page before counts."""
        self.socket = ""
        self.screen = ""
        self.sizes.clear()
        await self.send("Page.navigate", url=url)

    async def wait_for(self, *needles: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            flat = " ".join(self.screen.split())
            for n in needles:
                if n in flat:
                    return n
            await asyncio.sleep(0.2)
        tail = " ".join(self.screen.split())[-1500:]
        raise AssertionError(f"none of {needles} appeared in {timeout}s; the terminal showed: ...{tail}")

    async def press(self, key: str, text: str = "", code: int = 0):
        common = {"key": key, "code": key if len(key) > 1 else f"Key{key.upper()}", "windowsVirtualKeyCode": code or ord(key.upper()[0])}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **common)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **common)

    async def js(self, expr: str):
        res = await self.send("Runtime.evaluate", expression=expr, returnByValue=True)
        return res.get("result", {}).get("value")


def _serve(tmp_path, *extra: str):
    port = _free_port()
    env = dict(os.environ, CEASEFIRE_SAVES=str(tmp_path / "saves"))
    # its own process group, so that the game processes it starts for each browser can be ended with it
    proc = subprocess.Popen([sys.executable, "-m", "game", "--saves-dir", str(tmp_path / "saves"), "serve",
                             "--port", str(port), *extra],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        html = _wait_http(f"http://127.0.0.1:{port}/", 30)
        yield f"http://127.0.0.1:{port}/", html
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """Ctrl+C for the server (it stops its games), then make sure nothing of its group is left."""
    import signal

    try:
        proc.send_signal(signal.SIGINT)
        proc.wait(15)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group is the server's own: its id is the server's pid
    except ProcessLookupError:
        pass
    proc.wait(10)


@pytest.fixture()
def served(tmp_path, chromium):
    yield from _serve(tmp_path)


@pytest.fixture()
def served_class(tmp_path, chromium):
    from game.classroom.codes import encode

    yield from _serve(tmp_path, "--code", encode("basra_2008", 2008))


@pytest.fixture()
def chromium(tmp_path):
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")
    pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install textual-serve)")
    pytest.importorskip("aiohttp", reason="aiohttp (a textual-serve dependency) is not installed")
    port = _free_port()
    proc = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-background-networking", "--disable-extensions", f"--remote-debugging-port={port}",
                             f"--user-data-dir={tmp_path / 'chromium'}", "--window-size=1280,800", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/json/version", 30)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _open_page(devtools_port: int, new: bool = False):
    import aiohttp

    if new:  # a second tab
        req = urllib.request.Request(f"http://127.0.0.1:{devtools_port}/json/new?about:blank", method="PUT")
        target = json.loads(urllib.request.urlopen(req, timeout=10).read())
    else:
        targets = json.loads(_wait_http(f"http://127.0.0.1:{devtools_port}/json/list", 10))
        target = next(t for t in targets if t.get("type") == "page")
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
    page = Page(ws)
    await page.send("Network.enable")
    await page.send("Page.enable")
    await page.send("Runtime.enable")
    return session, page


def test_served_game_in_headless_chromium(served, chromium):
    url, html = served
    assert b"ws://127.0.0.1" in html  # the websocket address browsers will use

    async def scenario():
        session, page = await _open_page(chromium)
        try:
            await page.load(url)
            # the title screen arrives
            await page.wait_for("New game", timeout=45)
            await page.wait_for("Quit")
            assert await page.js("document.body.classList.contains('-first-byte')") is True
            # give the terminal the keyboard, then start a new game by keys: n, then Enter on Start
            await page.js("(document.querySelector('.xterm-helper-textarea') || document.body).focus()")
            await page.press("n", "n")
            await page.wait_for("Start", timeout=20)
            await asyncio.sleep(0.5)
            mark = len(page.screen)
            await page.press("Enter", "\r", 13)
            # the game begins: the main screen of turn 1 (with its first event card) is drawn
            page.screen = page.screen[mark:]  # only what was drawn after Enter counts
            assert await page.wait_for("Turn 1 of", "Turn 1 ·", timeout=45)
            await page.wait_for("National picture", "Map", timeout=20)
        finally:
            await _close(session, page)

    asyncio.run(scenario())


async def _close(session, page) -> None:
    """Leave the game page (its websocket closes, so the server ends that game), then disconnect."""
    try:
        await page.send("Page.navigate", url="about:blank")
        await asyncio.sleep(1)
    except Exception:  # the browser may already be gone
        pass
    await page.ws.close()
    await session.close()
    page.reader.cancel()


def _game_processes(marker: str) -> list[str]:
    out = subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True).stdout.splitlines()
    return [line for line in out if marker in line and " play " in line and not line.startswith("/bin/sh")]


def test_two_browsers_play_the_same_class_code(served_class, chromium, tmp_path):
    url, _html = served_class

    async def scenario():
        opened = [await _open_page(chromium), await _open_page(chromium, new=True)]
        try:
            for _session, page in opened:
                await page.load(url)
            for _session, page in opened:  # straight into turn 1 of the class's world, no title screen
                await page.wait_for("Turn 1 of", "Turn 1 ·", timeout=60)
            procs = _game_processes(str(tmp_path / "saves"))
            assert len(procs) == 2, procs  # each browser its own game...
            assert all("--seed 2008" in p and "--scenario basra_2008" in p for p in procs)  # ...of the same world
        finally:
            for session, page in opened:
                await _close(session, page)

    asyncio.run(scenario())


def test_the_server_says_where_debriefs_are_read(monkeypatch, tmp_path, capsys):
    import textual_serve.server

    from game.cli import main

    class NoServer:
        def __init__(self, command, **kw):
            pass

        def serve(self):
            return None

    monkeypatch.setattr(textual_serve.server, "Server", NoServer)
    monkeypatch.setenv("CEASEFIRE_DEBRIEFS_URL", "")  # put back as it was after the test
    port = _free_port()
    assert main(["--saves-dir", str(tmp_path / "class"), "serve", "--port", str(port)]) == 0
    err = capsys.readouterr().err
    assert f"Debriefs (d on a game's end screen) can be read at http://127.0.0.1:{port}/debriefs/" in err
    # and the games it starts inherit that address, for their end screen to give it
    assert os.environ["CEASEFIRE_DEBRIEFS_URL"] == f"http://127.0.0.1:{port}/debriefs/"


@pytest.fixture()
def served_with_a_debrief(tmp_path, chromium):
    """A served class whose saves folder holds a finished game's save and the debrief written beside it."""
    from game.cli import main

    saves = tmp_path / "saves"
    saves.mkdir()
    assert main(["simulate", "--code", "HVR00-01YR4", "--policy", "historical", "--games", "1",
                 "--save", str(saves / "amal-and-ben.json")]) == 0
    assert main(["debrief", str(saves / "amal-and-ben.json"), "--out", str(saves / "amal-and-ben.debrief.html")]) == 0
    yield from _serve(tmp_path, "--code", "HVR00-01YR4")


def test_students_read_their_debrief_in_the_browser(served_with_a_debrief, chromium):
    """A pair that played in a browser has no shell and no file of its own: the debrief its game wrote (d on
    the end screen) is in the teacher's saves folder, and the server lists it at /debriefs/ for the browser."""
    url, _html = served_with_a_debrief
    for bad in ("debriefs/amal-and-ben.json", "debriefs/..%2F..%2Fetc%2Fpasswd", "debriefs/nobody.html"):
        with pytest.raises(urllib.error.HTTPError) as err:  # only the folder's pages, never its saves or a path
            urllib.request.urlopen(url + bad, timeout=10)
        assert err.value.code == 404

    async def scenario():
        session, page = await _open_page(chromium)
        try:
            await page.send("Page.navigate", url=url + "debriefs")  # without the slash too
            for _ in range(50):
                if await page.js("document.readyState") == "complete" and await page.js("document.links.length"):
                    break
                await asyncio.sleep(0.2)
            assert await page.js("location.pathname") == "/debriefs/"
            assert "amal-and-ben" in await page.js("document.body.innerText")
            await page.js("document.links[0].click()")
            for _ in range(100):
                title = await page.js("document.title")
                if title and "Debrief" in title:
                    break
                await asyncio.sleep(0.2)
            assert "amal-and-ben" in title
            assert "What really happened in 2008" in await page.js("document.body.innerText")
        finally:
            await _close(session, page)

    asyncio.run(scenario())


def test_one_ctrl_c_in_the_terminal_closes_the_games_and_the_server(tmp_path, chromium):
    """Ctrl+C in the teacher's terminal goes to the server's whole process group, and the games the server
    starts are in it: one Ctrl+C closes a student's open game and stops the server (the guide said the
    server would wait for open games until a second Ctrl+C)."""
    import signal

    port = _free_port()
    saves = tmp_path / "saves"
    env = dict(os.environ, CEASEFIRE_SAVES=str(saves))
    proc = subprocess.Popen([sys.executable, "-m", "game", "--saves-dir", str(saves), "serve", "--port", str(port),
                             "--code", "HVR00-01YR4"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # a group of its own, as a terminal's job
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_http(url, 30)

        async def scenario():
            session, page = await _open_page(chromium)
            try:
                await page.load(url)
                await page.wait_for("Turn 1 of", "Turn 1 ·", timeout=60)
                assert len(_game_processes(str(saves))) == 1
                os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in its terminal does
                proc.wait(20)  # the server stops without a second Ctrl+C...
                for _ in range(50):
                    if not _game_processes(str(saves)):
                        break
                    await asyncio.sleep(0.2)
                assert not _game_processes(str(saves))  # ...and the student's game is closed with it
            finally:
                await page.ws.close()
                await session.close()
                page.reader.cancel()

        asyncio.run(scenario())
    finally:
        _stop_group(proc)


# ---------------------------------------------------------------- phones and tablets

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />'
OUR_PAGE = ROOT / "game" / "serve_templates" / "app_index.html"


def test_the_game_page_is_textual_serves_own_with_a_viewport_and_a_font_that_fits():
    """The served page is textual-serve's templates/app_index.html with additions of its own (a viewport tag,
    and blocks of script and style that begin with a 'Ceasefire:' comment: the font that fits, the words said
    when the connection closes), and nothing else changed: when textual-serve's own page changes (a new
    version), this says the copy must follow."""
    import textual_serve

    theirs = (Path(textual_serve.__file__).parent / "templates" / "app_index.html").read_text(encoding="utf-8")
    ours = OUR_PAGE.read_text(encoding="utf-8")
    assert VIEWPORT in ours and VIEWPORT not in theirs
    added = re.findall(r"    <script>\n      // Ceasefire:.*?</script>\n|    <style>\n      /\* Ceasefire:.*?</style>\n", ours, re.S)
    assert len(added) == 4, [a[:60] for a in added]
    stripped = ours.replace(f"    {VIEWPORT}\n", "")
    for block in added:
        stripped = stripped.replace(block, "")
    # and one thing taken out: the link to Google's web font (see the next test)
    assert stripped == theirs.replace(GOOGLE_FONT, "")


GOOGLE_FONT = """
    <link
      rel="stylesheet"
      href="https://fonts.googleapis.com/css?family=Roboto%20Mono"
    />
"""


def test_the_page_asks_nothing_of_other_servers_and_draws_with_the_computers_own_font(served, chromium):
    """textual-serve's page fetched its font from Google: every student's browser was announced to Google
    (a school may not allow that), and offline the terminal fell back to Courier New. The page now makes
    no request beyond the class's server, and its font is a monospace font of the computer's own."""
    url, html = served
    assert b"fonts.googleapis.com" not in html and b"@font-face" in html

    async def scenario():
        session, page = await _open_page(chromium)
        try:
            await page.load(url)
            await page.wait_for("New game", timeout=45)
            host = url.split("/")[2]
            elsewhere = [u for u in page.requests if u.split("/")[2:3] != [host] and not u.startswith(("data:", "blob:"))]
            assert page.requests and not elsewhere, elsewhere
            # the terminal's font family names a face the page defines from the computer's fonts, and it loaded
            assert await page.js("document.fonts.check('16px \"Roboto Mono\"')") is True
            faces = await page.js("Array.from(document.fonts).filter(f => f.family.includes('Roboto Mono'))"
                                  ".map(f => f.weight + ':' + f.status).join(' ')")
            assert "400:loaded" in faces, faces
        finally:
            await _close(session, page)

    asyncio.run(scenario())


def test_the_game_page_ships_with_the_package():
    """A non-editable install has the page too: pyproject's package data names it."""
    import fnmatch
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    name = OUR_PAGE.relative_to(ROOT / "game").as_posix()
    assert any(fnmatch.fnmatch(name, pattern) for pattern in data.get("game", []))


def test_a_phone_gets_a_page_as_wide_as_its_screen_and_the_whole_game_held_sideways(served, chromium):
    """Without a viewport tag a phone laid the page out 980 pixels wide and showed it shrunk to its screen
    (the text under half its size, unreadable). With it, the page is as wide as the phone; held sideways
    (844×390), the font is made small enough for the game's 80×24 to fit, unless the address names one."""
    url, html = served
    assert VIEWPORT.encode() in html

    async def scenario():
        session, page = await _open_page(chromium)
        try:
            await page.send("Emulation.setDeviceMetricsOverride", width=844, height=390, deviceScaleFactor=2, mobile=True)
            await page.load(url)
            await page.wait_for("New game", timeout=45)
            assert await page.js("window.innerWidth") == 844  # 980 without the tag
            cols, lines = page.sizes[-1]
            assert cols >= 80 and lines >= 24, page.sizes  # 93×21 at the default font: 'needs a window of 80×24'
            assert 8 <= int(await page.js("document.getElementById('terminal').dataset.fontSize")) < 16
            await page.load(url + "?fontsize=16")  # a size the teacher chose is kept
            await page.wait_for("New game", timeout=45)
            assert await page.js("document.getElementById('terminal').dataset.fontSize") == "16"
            assert page.sizes[-1][1] < 24
        finally:
            await _close(session, page)

    asyncio.run(scenario())


# ---------------------------------------------------------------- when the connection closes


async def _closed_message(page) -> str:
    """The words of the box the page shows once the game's connection has closed."""
    for _ in range(150):
        if await page.js("document.body.classList.contains('-closed')"):
            text = await page.js("document.querySelector('.closed-dialog .message').innerText")
            if text and text.strip() != "Session ended.":
                return text
        await asyncio.sleep(0.2)
    raise AssertionError("the page did not say the connection closed: "
                         + str(await page.js("document.querySelector('.closed-dialog .message').innerText")))


def test_the_page_says_the_game_closed_or_the_server_stopped(tmp_path, chromium):
    """When the connection to the game closed, the page said "Session ended." and offered Restart, whatever
    had happened: a student who pressed q, and a class whose teacher stopped the server, read the same words,
    and Restart with the server stopped led to the browser's own error page. The page now tells the two apart,
    says where the game is, and links the debriefs."""
    gen = _serve(tmp_path)
    url, _html = next(gen)

    async def scenario():
        session, page = await _open_page(chromium)
        try:
            await page.load(url)
            await page.wait_for("New game", timeout=45)
            await page.js("(document.querySelector('.xterm-helper-textarea') || document.body).focus()")
            await page.press("q", "q")  # the player quits: the game closes, the server still runs
            said = await _closed_message(page)
            assert "The game has closed" in said and "saved" in said and "Load" in said, said
            link = await page.js("document.querySelector('.closed-dialog .message a').href")
            assert link == url + "debriefs/", link
            assert await page.js("document.querySelector('.closed-dialog button').textContent") == "Restart"

            await page.load(url)  # a new game; then the teacher stops the server
            await page.wait_for("New game", timeout=45)
            gen.close()  # Ctrl+C for the server and its games (the fixture's own way to stop it)
            said = await _closed_message(page)
            assert "The server has stopped" in said and "saved" in said, said
            button = "document.querySelector('.closed-dialog button')"
            assert await page.js(f"{button}.textContent") == "Try again"
            await page.js(f"{button}.click()")  # the server is still down: the page says so, and stays
            await asyncio.sleep(1)
            assert await page.js("location.href") == url
            assert "The server has stopped" in await page.js("document.querySelector('.closed-dialog .message').innerText")
        finally:
            await _close(session, page)

    try:
        asyncio.run(scenario())
    finally:
        gen.close()
