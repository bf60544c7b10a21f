"""The debrief's explanation of endings, once per ending, and its 'invented' mark, from a teacher's
review: real games of the classroom scenario (class code HVR00-01YR4) played by the engine
(tests/classroom/data/basra_class.py), through the real CLI."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.cli import main
from game.debrief import from_save
from tests.debrief.helpers import furthest_autosaves


@pytest.fixture(scope="module")
def finished(basra_class, basra_short) -> list[tuple[Path, str, str]]:
    """(save, ending id, the ending's explanation) of each finished game of the class."""
    out = []
    for p in furthest_autosaves(basra_class):
        d = from_save(str(p), basra_short)
        if d.ending:
            out.append((p, d.ending.id, d.ending.explain))
    return out


# ---------------------------------------------------------------- debrief --compare


def test_two_games_with_one_ending_explain_it_once(finished, tmp_path, capsys):
    """Two games that reached the same ending showed its explanation twice, word for word, one in each
    column of 'The two games'; it is said once, for both."""
    same = next(((a, b) for i, a in enumerate(finished) for b in finished[i + 1:] if a[1] == b[1]), None)
    assert same, [e for _, e, _ in finished]  # (the class fixture has two games of one ending)
    (a, _, explain), (b, _, _) = same
    assert main(["debrief", str(a), "--compare", str(b)]) == 0
    md = capsys.readouterr().out
    assert md.count(explain) == 1
    assert "the same for both games" in md.split("## Where they parted")[0]
    out = tmp_path / "cmp.html"
    assert main(["debrief", str(a), "--compare", str(b), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert html.unescape(page).count(explain) == 1 and 'colspan="2"' in page


def test_two_games_with_different_endings_explain_each(finished, capsys):
    other = next(((a, b) for i, a in enumerate(finished) for b in finished[i + 1:] if a[1] != b[1]), None)
    assert other, [e for _, e, _ in finished]
    (a, _, explain_a), (b, _, explain_b) = other
    assert main(["debrief", str(a), "--compare", str(b)]) == 0
    md = capsys.readouterr().out
    assert md.count(explain_a) == 1 and md.count(explain_b) == 1 and "the same for both" not in md


# ---------------------------------------------------------------- the HTML timeline's marks, in a browser

CHROMIUM = next((p for p in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                             shutil.which("chromium-browser")) if p and Path(p).is_file()), None)

# After layout: for each mark after a title, the gap from the title to the mark and from the mark to the
# first letter after it, in CSS pixels
GAPS = """<script>
function edge(node, step, last) {  // the rectangle of the first letter (or element) beside a mark
  while (node && node.nodeType === 3 && !node.textContent.trim()) node = node[step];
  if (!node) return null;
  if (node.nodeType !== 3) return node.getBoundingClientRect();
  const text = node.textContent, at = last ? text.length - 1 - [...text].reverse().join('').search(/\\S/) : text.search(/\\S/);
  const range = document.createRange();
  range.setStart(node, at); range.setEnd(node, at + 1);
  return range.getBoundingClientRect();
}
window.addEventListener('load', () => {
  const out = [];
  for (const tag of document.querySelectorAll('.tag.inv')) {
    const r = tag.getBoundingClientRect();
    const before = edge(tag.previousSibling, 'previousSibling', true), after = edge(tag.nextSibling, 'nextSibling', false);
    if (!before || !after || Math.abs(before.top - after.top) > 4) continue;  // (a mark at a line's end or start)
    out.push([tag.textContent, r.left - before.right, after.left - r.right].join(' '));
  }
  const pre = document.createElement('pre'); pre.id = 'GAPS'; pre.textContent = out.join('\\n');
  document.body.appendChild(pre);
});
</script>"""


def _gaps(page: Path, tmp: Path) -> list[tuple[str, float, float]]:
    probe = tmp / f"probe-{page.name}"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", GAPS + "</body>"), encoding="utf-8")
    dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp / 'chromium'}",
                          "--window-size=1200,900", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="GAPS">(.*?)</pre>', dom, re.S)
    assert m, "the page was not measured"
    rows = [line.rsplit(" ", 2) for line in html.unescape(m.group(1)).splitlines() if line.strip()]
    return [(word, float(x), float(y)) for word, x, y in rows]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install -y chromium)")
def test_the_invented_mark_has_one_space_after_it_as_before_it(basra_class, basra_short, tmp_path):
    """In the HTML timeline the 'invented' mark stood a space and a margin away from the text after it
    ('The mediator's bill INVENTED  — you chose'), twice the gap before it; the class report uses the same
    mark, after a card's title and for the year beside a historical choice."""
    save = next(p for p in furthest_autosaves(basra_class)
                if any(dec.invented for t in from_save(str(p), basra_short).timeline for dec in t.decisions))
    debrief, report = tmp_path / "debrief.html", tmp_path / "class.html"
    assert main(["debrief", str(save), "--out", str(debrief)]) == 0
    assert main(["class-report", str(basra_class), "--out", str(report)]) == 0
    for page in (debrief, report):
        gaps = _gaps(page, tmp_path)
        if page is debrief:  # (the class report's marks after a title here end their table cells: nothing to measure)
            assert "invented" in {w for w, _, _ in gaps}, gaps
        for word, before, after in gaps:
            assert before > 1 and abs(after - before) <= 1, (page.name, word, before, after)
