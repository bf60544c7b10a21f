"""The engine, and the tools that run without a screen (debrief, class report, dev mode), never import Textual or Rich."""

import subprocess
import sys


def test_engine_imports_no_textual_or_rich():
    code = (
        "import sys\n"
        "import game.engine.session, game.content.loader, game.sim.runner, game.sim.report, game.saves.savefile, game.cli\n"
        "import game.debrief, game.debrief.html, game.debrief.markdown, game.classroom.report, game.dev, game.words\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
