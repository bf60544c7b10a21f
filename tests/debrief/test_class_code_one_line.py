"""On a phone's width the class report's table of games wrapped each class code over four lines
('HVR / 00- / 01YR / 4'), to be read out or typed by students. The table scrolls sideways in place, so
the code keeps one line. Measured in a real headless Chromium; skips when it is absent."""

from __future__ import annotations

import re
import subprocess

from tests.debrief.test_page_layout_browser import chromium, pages  # noqa: F401 (fixtures)

LINES = """<script>
window.addEventListener('load', () => {
  const pre = document.createElement('pre'); pre.id = 'MEASURED';
  const section = document.getElementById('games');
  pre.textContent = [...section.querySelectorAll('td code')].map(c => c.getClientRects().length).join(' ');
  document.body.appendChild(pre);
});
</script>"""


def test_each_class_code_keeps_one_line_on_a_phone(chromium, pages, tmp_path):  # noqa: F811
    probe = tmp_path / "codes.html"
    probe.write_text((pages / "class.html").read_text("utf-8").replace("</body>", LINES + "</body>"), "utf-8")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'chromium'}",
                          "--window-size=400,900", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    m = re.search(r'<pre id="MEASURED">(.*?)</pre>', dom, re.S)
    assert m, "the page was not measured"
    lines = [int(n) for n in m.group(1).split()]
    assert lines and all(n == 1 for n in lines), lines
