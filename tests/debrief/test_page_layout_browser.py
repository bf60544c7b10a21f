"""The debrief and the class report as a browser lays them out, in a real headless Chromium: on a phone's
width (a pair reading its debrief on a phone, as the pair debrief of docs/classroom.md allows) the page
must not be wider than the screen; wide tables scroll inside themselves instead of pushing the page
(and its text) out past the right edge. Made from real games of the classroom scenario through the real
CLI. Skips cleanly when Chromium is absent (Debian: `apt-get install -y chromium`)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main

CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p and Path(p).is_file()), None)

# Appended to a copy of the page: after layout, it writes the page's width, the viewport's, and every
# element whose right edge passes the viewport's (outside an element that scrolls or clips it).
MEASURE = """<script>
window.addEventListener('load', () => {
  const W = document.documentElement.clientWidth, out = [];
  out.push('page ' + document.documentElement.scrollWidth + ' viewport ' + W);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let p = el.parentElement, held = false;
    for (; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { held = true; break; }
    }
    if (!held) out.push('past the edge: <' + el.tagName.toLowerCase() + '> ' + (el.textContent || '').trim().slice(0, 50));
  }
  const pre = document.createElement('pre'); pre.id = 'MEASURED'; pre.textContent = out.join('\\n');
  document.body.appendChild(pre);
});
</script>"""


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")
    return CHROMIUM


def measured(chromium: str, probe: Path, text: str, width: int, tmp: Path) -> str:
    """What the script in `text` (a page with a measuring script added) wrote into its <pre id="MEASURED">,
    once Chromium has laid the page out in a window `width` CSS pixels wide; the page is written to `probe`."""
    probe.write_text(text, encoding="utf-8")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp / 'chromium'}",
                          f"--window-size={width},900", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="MEASURED">(.*?)</pre>', dom, re.S)
    assert m, "the page was not measured"
    return m.group(1)


def layout(chromium: str, page: Path, width: int, tmp: Path, printed: bool = False) -> tuple[int, int, list[str]]:
    """The page's scroll width, the viewport's width and what sticks out past it, at `width` CSS pixels;
    `printed`: with the page's print rules applied to the screen, as on paper."""
    probe = tmp / f"probe-{page.stem}-{width}.html"
    text = page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    if printed:
        assert text.count("@media print {") == 1
        text = text.replace("@media print {", "@media all {")
    lines = html.unescape(measured(chromium, probe, text, width, tmp)).splitlines()
    page_w, view_w = (int(x) for x in re.findall(r"\d+", lines[0]))
    return page_w, view_w, lines[1:]


@pytest.fixture(scope="module")
def pages(basra_class, tmp_path_factory):
    """A finished game's debrief and the class report, as HTML files written by the CLI."""
    out = tmp_path_factory.mktemp("pages")
    # the class's named save, a finished game: always the same one. The newest turn-11 autosave by name was
    # a different game from run to run (the pairs share a seed, and game ids are random), and one of them
    # printed on as many pages either way (a flaky page-count test)
    finished = next(p for p in sorted(basra_class.glob("*.json")) if not p.name.startswith("autosave-"))
    assert main(["debrief", str(finished), "--out", str(out / "debrief.html")]) == 0
    assert main(["class-report", str(basra_class), "--out", str(out / "class.html")]) == 0
    return out


@pytest.mark.parametrize("name", ["debrief", "class"])
def test_a_phone_width_page_fits_the_screen(chromium, pages, tmp_path, name):
    page_w, view_w, past = layout(chromium, pages / f"{name}.html", 400, tmp_path)
    assert page_w <= view_w and not past, (page_w, view_w, past[:8])


@pytest.mark.parametrize("name", ["debrief", "class"])
def test_a_desktop_page_keeps_its_column(chromium, pages, tmp_path, name):
    """At 1200 pixels nothing scrolls sideways either (the phone rules leave the desktop page alone)."""
    page_w, view_w, past = layout(chromium, pages / f"{name}.html", 1200, tmp_path)
    assert page_w <= view_w and not past, (page_w, view_w, past[:8])


@pytest.mark.parametrize("name", ["debrief", "class"])
def test_a_printed_page_fits_a4(chromium, pages, tmp_path, name):
    """On A4 (210 mm less the page's 14 mm margins: 688 px) with the print rules, no table runs past the
    text's width: the class report's tables of ten columns cut off their last two (Iranian influence,
    Treasury) when the teacher printed it. A window of 700 px gives a viewport of 685."""
    page_w, view_w, past = layout(chromium, pages / f"{name}.html", 700, tmp_path, printed=True)
    assert view_w <= 688
    assert page_w <= view_w and not past, (page_w, view_w, past[:8])


WIDTHS = """<script>
window.addEventListener('load', () => {
  const t = document.querySelector('table.wide'), pre = document.createElement('pre');
  pre.id = 'MEASURED';
  pre.textContent = t.getBoundingClientRect().width + ' ' +
    [...t.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width).join(' ');
  document.body.appendChild(pre);
});
</script>"""


def wide_columns(chromium: str, page: Path, width: int, tmp: Path) -> tuple[float, list[float]]:
    """The width of the class report's first table of who chose what, and of each of its columns, at `width`."""
    text = page.read_text(encoding="utf-8").replace("</body>", WIDTHS + "</body>")
    table, *cols = (float(x) for x in measured(chromium, tmp / f"columns-{width}.html", text, width, tmp).split())
    return table, cols


def test_the_choice_column_has_room_on_a_desktop(chromium, pages, tmp_path):
    """At 1200 pixels the class report's choices were squeezed into a column of a word or two a line (about
    100 of 864 px: 'Let the / generals / run it; ...') while the seven numbers' headings and the games' names,
    each kept on one line, took the room: the choice and the games now ask for a share of the table, the
    headings are set smaller, and a long name wraps."""
    table, cols = wide_columns(chromium, pages / "class.html", 1200, tmp_path)
    assert len(cols) >= 10
    assert cols[0] >= 0.2 * table, (table, cols)
    assert cols[1] >= 0.15 * table, (table, cols)


def test_the_choice_column_has_room_on_a_phone(chromium, pages, tmp_path):
    """On a phone the table scrolls sideways in place, so its choices need not wrap at every word: they keep
    a readable column (they had about 70 px of 400)."""
    _table, cols = wide_columns(chromium, pages / "class.html", 400, tmp_path)
    assert cols[0] >= 140 and cols[1] >= 125, cols


def test_the_endings_that_followed_a_choice_have_room_on_a_desktop(chromium, pages, tmp_path):
    """The column of endings that followed a choice had about 68 of 864 px at 1200 pixels, a word a line
    ('The / survivor / ×2, A / fragile / peace / ×1'): it now asks for a share of the table, and each
    ending has a line of its own with its count kept on it ('A fragile peace ×2'), while the choice and
    the games keep theirs."""
    table, cols = wide_columns(chromium, pages / "class.html", 1200, tmp_path)
    assert cols[2] >= 0.11 * table, (table, cols)
    assert cols[0] >= 0.2 * table and cols[1] >= 0.15 * table, (table, cols)
    page = (pages / "class.html").read_text(encoding="utf-8")
    several = [c for c in re.findall(r"<td>((?:[^<]*?\u00a0×\d+<br>)+[^<]*?\u00a0×\d+)</td>", page)]
    assert several, "no choice was followed by more than one ending"
    assert all(len(c.split("<br>")) == c.count("\u00a0×") for c in several)


def printed(chromium: str, page: Path, tmp: Path, extra_css: str = "") -> Path:
    """The PDF Chromium prints of `page` (its own paper size and the page's print rules), with `extra_css`
    added at the end of its style sheet."""
    probe = tmp / f"print-{page.stem}-{len(extra_css)}.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</style>", extra_css + "</style>", 1), encoding="utf-8")
    pdf = tmp / (probe.stem + ".pdf")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp / 'chromium'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", probe.as_uri()],
                   capture_output=True, timeout=120)
    assert pdf.is_file(), "Chromium printed nothing"
    return pdf


def printed_pages(chromium: str, page: Path, tmp: Path, extra_css: str = "") -> int:
    """How many pages Chromium prints `page` on."""
    return len(re.findall(rb"/Type\s*/Page\b", printed(chromium, page, tmp, extra_css).read_bytes()))


def test_a_printed_debrief_leaves_no_page_half_empty_before_an_actor(chromium, pages, tmp_path):
    """Each actor's section was kept whole on paper: every long one began a new page and left the page before
    it part empty (eight actors, eight pages of white at their feet; 32 pages in all for the classroom
    scenario). The sections now run on across pages, and the debrief prints on fewer pages than with each
    kept whole."""
    page = pages / "debrief.html"
    as_shipped = printed_pages(chromium, page, tmp_path)
    kept_whole = printed_pages(chromium, page, tmp_path, "@media print { .actor { break-inside: avoid !important; } }")
    assert as_shipped < kept_whole, (as_shipped, kept_whole)



@pytest.mark.parametrize("name", ["debrief", "class"])
def test_no_printed_page_ends_on_a_section_heading(chromium, pages, tmp_path, name):
    """A section's heading is printed on the page of what it heads. The class report's 'Average trajectories'
    and its one line on how to read the charts were printed at the foot of a page, the charts on the next.
    Read from the PDF's text by pdftotext (Debian: poppler-utils); skips without it."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed (Debian: apt-get install -y poppler-utils)")
    page = pages / f"{name}.html"
    titles = {html.unescape(t) for t in re.findall(r"<h2>(.*?)</h2>", page.read_text(encoding="utf-8"))}
    text = subprocess.run([pdftotext, "-layout", str(printed(chromium, page, tmp_path)), "-"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    sheets = [[ln.strip() for ln in sheet.splitlines() if ln.strip()] for sheet in text.split("\f")]
    sheets = [s for s in sheets if s]
    seen = set()
    for n, lines in enumerate(sheets[:-1], 1):
        for i, line in enumerate(lines):
            if line in titles:
                seen.add(line)
                assert len(lines) - i - 1 >= 3, (f"page {n} ends on the heading {line!r}", lines[i:])
    assert len(seen | {ln for ln in sheets[-1] if ln in titles}) == len(titles), titles - seen

# Appended to a copy of the page: every class code in the facts box at the page's top that the browser broke
# across two lines (a code drawn in more than one box).
CODES = """<script>
window.addEventListener('load', () => {
  const out = [];
  for (const el of document.querySelectorAll('.facts code')) {
    for (const m of el.textContent.matchAll(/[0-9A-Z]{5}-[0-9A-Z]{5}/g)) {
      const range = document.createRange();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let at = 0, t;
      while ((t = walker.nextNode())) {
        const i = m.index - at;
        if (i >= 0 && i + m[0].length <= t.length) {
          range.setStart(t, i); range.setEnd(t, i + m[0].length);
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
          break;
        }
        at += t.length;
      }
    }
  }
  const pre = document.createElement('pre'); pre.id = 'MEASURED'; pre.textContent = 'broken: ' + out.join(' ');
  document.body.appendChild(pre);
});
</script>"""


def broken_codes(chromium: str, page: Path, width: int, tmp: Path) -> list[str]:
    """The class codes of the page's facts box that Chromium broke across lines, at `width`."""
    text = page.read_text(encoding="utf-8").replace("</body>", CODES + "</body>")
    return measured(chromium, tmp / f"codes-{page.stem}-{width}.html", text, width, tmp).removeprefix("broken:").split()


@pytest.fixture(scope="module")
def class_of_worlds(tmp_path_factory):
    """A class report of five games each of its own world (seeds 3 to 7: five class codes), and one debrief."""
    out = tmp_path_factory.mktemp("worlds")
    for seed in range(3, 8):
        assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--seed", str(seed),
                     "--save", str(out / f"s{seed}.json")]) == 0
    assert main(["class-report", *(str(out / f"s{seed}.json") for seed in range(3, 8)), "--out", str(out / "class.html")]) == 0
    assert main(["debrief", str(out / "s3.json"), "--out", str(out / "debrief.html")]) == 0
    return out


@pytest.mark.parametrize("width", [1200, 400])
@pytest.mark.parametrize("name", ["class", "debrief"])
def test_a_class_code_is_never_broken_across_lines(chromium, class_of_worlds, tmp_path, name, width):
    """The class report's list of worlds broke a code at its hyphen on a desktop ('HVT00-' at a line's end,
    'NBKNF' on the next): a code is read aloud and typed, so it stays whole on one line, as elsewhere."""
    page = class_of_worlds / f"{name}.html"
    assert re.search(r"[0-9A-Z]{5}-[0-9A-Z]{5}", page.read_text(encoding="utf-8"))
    assert broken_codes(chromium, page, width, tmp_path) == []


LEGEND = """<script>
window.addEventListener('load', () => {
  const t = document.querySelector('#chart-endings .legend'), pre = document.createElement('pre');
  pre.id = 'MEASURED';
  pre.textContent = String(t.getBoundingClientRect().height);
  document.body.appendChild(pre);
});
</script>"""


def test_the_endings_chart_is_readable_on_a_phone(chromium, pages, tmp_path):
    """On a phone the class report's chart of endings was shrunk to the screen's width, its 11-pixel names of
    endings drawn about 6 pixels tall, too small to read. It keeps its size and scrolls sideways in place,
    as the page's wide tables do (the page itself still fits the screen: test_a_phone_width_page_fits_the_screen)."""
    page = pages / "class.html"
    text = page.read_text(encoding="utf-8").replace("</body>", LEGEND + "</body>")
    tall = float(measured(chromium, tmp_path / "legend-400.html", text, 400, tmp_path))
    assert tall >= 11, tall
