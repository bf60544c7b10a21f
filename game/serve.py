"""`ceasefire serve`: the game in web browsers through textual-serve, one game process per browser tab."""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import sys

from game.errors import CeasefireError

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
ANY_HOSTS = {"0.0.0.0", "::", ""}


def is_local(host: str) -> bool:
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """This machine's address on its local network, as other machines would reach it (best guess)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the outgoing interface
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def public_url_for(host: str, port: int, public_url: str | None = None) -> str:
    """The URL browsers use (textual-serve builds its websocket address from it)."""
    if public_url:
        return public_url.rstrip("/")
    shown = lan_address() if host in ANY_HOSTS else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def bind_warning(host: str, port: int) -> str:
    """'' for a loopback bind; otherwise what a teacher must know before opening the game to a network."""
    if is_local(host):
        return ""
    return (f"warning: serving on {host or 'all interfaces'}:{port}: anyone who can reach this computer on port {port} "
            "can open games here, and each game runs as a process on this computer. Use this only on a trusted "
            "classroom network, and stop the server (Ctrl+C) when the lesson ends.")


def game_command(saves_dir: str | None = None, scenario: str | None = None, seed: int | None = None,
                 difficulty: str | None = None, python: str | None = None) -> str:
    """The shell command textual-serve runs for each browser: this Python, this package, the title screen
    (or, given a seed, straight into that world)."""
    parts = [python or sys.executable, "-m", "game"]
    if saves_dir:
        parts += ["--saves-dir", saves_dir]
    parts.append("play")  # explicit: `ceasefire --saves-dir X` alone would not reach the title screen
    if scenario:
        parts += ["--scenario", scenario]
    if seed is not None:
        parts += ["--seed", str(seed)]
    if difficulty:
        parts += ["--difficulty", difficulty]
    return " ".join(shlex.quote(p) for p in parts)


def class_world(code: str | None, scenario: str | None, seed: int | None,
                difficulty: str | None) -> tuple[str | None, int | None, str | None, str]:
    """(scenario, seed, difficulty, class code) for a served class: from a code, or a code made from a seed."""
    from game.classroom.codes import CodeError, decode, encode

    if code:
        scenario, seed, difficulty = decode(code)
        return scenario, seed, difficulty, code.upper()
    if seed is None:
        return scenario, None, difficulty, ""
    from game.cli import DEFAULT_SCENARIO

    sid, default = _scenario_id(scenario or DEFAULT_SCENARIO)
    difficulty = difficulty or default  # the game names the default preset too; so must its code
    try:
        made = encode(sid, seed, difficulty)
    except CodeError:
        made = ""
    return scenario, seed, difficulty, made


def _scenario_id(scenario: str) -> tuple[str, str | None]:
    """The id inside a scenario folder (codes hash ids, not paths) and its default difficulty."""
    from pathlib import Path

    from game.classroom.codes import _read_meta
    from game.content.loader import resolve_scenario

    try:
        meta = _read_meta(Path(resolve_scenario(scenario)))
    except CeasefireError:
        return scenario, None
    return meta.get("id", scenario), meta.get("default_difficulty")


DEBRIEFS = "/debriefs/"  # where the served pages of the saves folder's debriefs are listed
# textual-serve's page for a game: its own templates/app_index.html with two additions. A viewport meta tag,
# without which a phone or tablet lays the page out 980 pixels wide and shows it shrunk to fit its screen; and,
# unless the address names a ?fontsize, a font made smaller (to 8px at least) when the game's 80×24 would not
# fit the window at the default 16 (a phone held sideways: 93×21 at 16). The test of the page checks the copy
# against the installed textual-serve's own.
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "serve_templates")


def debrief_files(folder) -> list:
    """The HTML pages in the saves folder (the debriefs games write there with d on the end screen, and any
    page the teacher writes there, such as the class report), A to Z."""
    from pathlib import Path

    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.suffix.lower() == ".html" and p.is_file()),
                  key=lambda p: (p.name.casefold(), p.name))


def debriefs_index(folder) -> str:
    """The page at /debriefs/: a link to each debrief in the saves folder, newest time beside it."""
    import time
    from html import escape
    from urllib.parse import quote

    files = debrief_files(folder)
    items = "".join(
        f'<li><a href="{quote(p.name)}">{escape(p.name.removesuffix(".html").removesuffix(".debrief"))}</a> '
        f'<span class="when">{escape(p.name)} · written {time.strftime("%H:%M", time.localtime(p.stat().st_mtime))}</span></li>'
        for p in files)
    body = (f"<ul>{items}</ul>" if files else
            "<p>No debrief yet.</p>")
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Ceasefire: debriefs</title>"
            "<style>body{font:17px/1.5 Georgia,serif;max-width:40rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b}"
            "h1{font:bold 1.5rem Arial,sans-serif;color:#0b4f7c}li{margin:.5rem 0}a{color:#0b4f7c;font-weight:bold}"
            ".when{display:block;color:#5a5a5a;font-size:.85rem}</style></head><body>"
            "<h1>Debriefs of this class's games</h1>"
            "<p>A game's debrief appears here when its players press <b>d</b> on the end screen (the teacher can write "
            "more into the saves folder). Reload the page to see new ones.</p>"
            f"{body}</body></html>")


def _server_class():
    """textual-serve's Server, with the saves folder's debriefs readable at /debriefs/."""
    from textual_serve.server import Server

    class CeasefireServer(Server):
        def __init__(self, command: str, debriefs_dir=None, **kw):
            kw.setdefault("templates_path", TEMPLATES)  # an absolute path: textual-serve joins it to its own folder
            super().__init__(command, **kw)
            self.debriefs_dir = debriefs_dir

        async def _make_app(self):
            app = await super()._make_app()
            if self.debriefs_dir is not None:
                app.router.add_get(DEBRIEFS, self.handle_debriefs)
                app.router.add_get(DEBRIEFS.rstrip("/"), self.handle_to_debriefs)
                app.router.add_get(DEBRIEFS + "{name}", self.handle_debrief)
            return app

        async def handle_to_debriefs(self, request):  # '/debriefs': its links are relative to '/debriefs/'
            from aiohttp import web

            raise web.HTTPFound(DEBRIEFS)

        async def handle_debriefs(self, request):
            from aiohttp import web

            return web.Response(text=debriefs_index(self.debriefs_dir), content_type="text/html")

        async def handle_debrief(self, request):
            from aiohttp import web

            name = request.match_info["name"]
            found = {p.name: p for p in debrief_files(self.debriefs_dir)}  # only a page of the listing, never a path
            if name not in found:
                raise web.HTTPNotFound(text=f"No debrief called {name!r} in the saves folder; see {DEBRIEFS}")
            return web.FileResponse(found[name], headers={"Content-Type": "text/html; charset=utf-8"})

    return CeasefireServer


def serve(host: str = "127.0.0.1", port: int = 8000, public_url: str | None = None, saves_dir: str | None = None,
          code: str | None = None, scenario: str | None = None, seed: int | None = None, difficulty: str | None = None,
          title: str = "Ceasefire") -> int:
    """Run the web server until Ctrl+C. Each browser that connects gets its own game process."""
    if not 0 < port < 65536:
        raise CeasefireError(f"--port must be between 1 and 65535, not {port}")
    scenario, seed, difficulty, class_code = class_world(code, scenario, seed, difficulty)  # a bad code fails here
    _check_port_free(host, port)
    try:
        Server = _server_class()
    except ImportError:
        raise CeasefireError("serving needs textual-serve: pip install textual-serve") from None
    warning = bind_warning(host, port)
    if warning:
        print(warning, file=sys.stderr)
    url = public_url_for(host, port, public_url)
    from pathlib import Path

    saves = str(Path(saves_dir).resolve()) if saves_dir else None
    if saves:
        Path(saves).mkdir(parents=True, exist_ok=True)
    from game.saves.store import folder_of

    folder = folder_of(saves)  # where the games save, and write their debriefs (d on the end screen)
    server = Server(game_command(saves, scenario, seed, difficulty), debriefs_dir=folder, host=host or "0.0.0.0",
                    port=port, title=title, public_url=url)
    print(f"Ceasefire is served at {url} (open it in a browser; each tab gets its own game)", file=sys.stderr)
    if seed is not None:
        print("Every browser starts the same world: " + (f"scenario {scenario}, " if scenario else "") + f"seed {seed}"
              + (f", difficulty {difficulty}" if difficulty else "")
              + (f". Class code: {class_code}" if class_code else ""), file=sys.stderr)
    print(f"Games are saved in {folder}", file=sys.stderr)
    print(f"Debriefs (d on a game's end screen) can be read at {url}{DEBRIEFS}", file=sys.stderr)
    # for the games this server starts (they inherit it): where their players read a debrief written with d
    os.environ["CEASEFIRE_DEBRIEFS_URL"] = url + DEBRIEFS
    server.serve()
    return 0


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in (host or "") else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind((host or "0.0.0.0", port))
    except OSError as exc:
        raise CeasefireError(f"cannot serve on {host}:{port} ({exc.strerror or exc}); "
                             f"is another server using it? Try --port {port + 1}") from None
    finally:
        s.close()


def cmd_serve(args) -> int:
    return serve(host=args.host, port=args.port, public_url=args.public_url, saves_dir=getattr(args, "saves_dir", None),
                 code=args.code, scenario=args.scenario, seed=args.seed, difficulty=args.difficulty)


def add_serve_parser(sub) -> None:
    p = sub.add_parser("serve", help="the game in web browsers (textual-serve); binds 127.0.0.1 unless told otherwise")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the classroom network)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public-url", default=None, metavar="URL",
                   help="the address students type, if not http://HOST:PORT (e.g. behind a proxy)")
    p.add_argument("--code", default=None, help="a class code: every browser starts in that world")
    p.add_argument("--scenario", default=None, help="the scenario every browser plays")
    p.add_argument("--seed", type=int, default=None, help="every browser starts this world (prints its class code)")
    p.add_argument("--difficulty", default=None, help="a difficulty preset of the scenario (default: its default)")
