"""docs/modding.md tells a new modder where every name an expression can use is written down (before:
a few examples and no word on where the rest are), and the names it lists are the campaign's."""

from __future__ import annotations

import re
from pathlib import Path

from game.content.loader import check

ROOT = Path(__file__).resolve().parents[2]
TEXT = " ".join((ROOT / "docs" / "modding.md").read_text("utf-8").split())
CAMPAIGN = ROOT / "content" / "scenarios" / "basra_2008"


def test_the_guide_names_the_files_that_hold_every_name_and_they_exist():
    said = re.search(r"Every name is in the campaign's files: (.*?)\.(?: |$)", TEXT)
    assert said, "the guide no longer says where the names are"
    files = re.findall(r"`([\w/]+(?:\.toml|/))`", said.group(1))
    assert files[0] == "content/scenarios/basra_2008/metrics.toml"
    assert {"actors.toml", "regions.toml", "actions.toml", "events/"} <= set(files[1:])
    for f in files[1:]:
        assert (CAMPAIGN / f).exists(), f


def test_the_metrics_the_guide_lists_are_the_campaigns():
    listed = re.search(r"metrics \(((?:`\w+`(?:, )?)+)\)", TEXT).group(1)
    sc, _ = check("basra_2008", [])
    assert set(re.findall(r"`(\w+)`", listed)) == set(sc.metrics)
