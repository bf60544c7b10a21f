"""`ceasefire simulate`: the contract's JSON, determinism across runs and jobs, --save."""

import json

import pytest

from game.cli import main
from game.saves.savefile import read
from tests.conftest import MINI


def _run(capsys, *extra):
    code = main(["simulate", "--scenario", str(MINI), "--games", "60", "--seed", "3", "--json", *extra])
    assert code == 0
    return capsys.readouterr().out


def test_json_has_contract_fields(capsys, mini):
    data = json.loads(_run(capsys))
    for key in ("scenario", "policy", "seed", "games", "mean_turns", "endings", "events", "actions"):
        assert key in data
    assert data["scenario"] == "mini" and data["policy"] == "random" and data["games"] == 60
    assert set(data["events"]) == set(mini.events)  # zeros included
    assert sum(data["endings"].values()) == 60
    assert set(data["actions"]) == set(mini.actions)


def test_same_seed_same_output_and_jobs_do_not_matter(capsys):
    one = _run(capsys)
    assert _run(capsys) == one
    assert _run(capsys, "--jobs", "2") == one


def test_save_writes_a_replayable_game(capsys, tmp_path):
    out = tmp_path / "last.json"
    _run(capsys, "--save", str(out))
    sf = read(out)
    assert sf.scenario == "mini" and sf.state["phase"] == "ended"
    assert main(["replay", str(out)]) == 0
    assert "state matches" in capsys.readouterr().out


def test_save_through_a_link_replaces_the_file_it_points_to(capsys, tmp_path):
    """--save onto a link (a pair's 'latest.json' pointing at the game in a shared folder) wrote a new file
    and renamed it over the link: the link became a file of its own and the shared save kept the old game."""
    shared = tmp_path / "shared" / "game.json"
    shared.parent.mkdir()
    shared.write_text("an older game")
    link = tmp_path / "latest.json"
    link.symlink_to(shared)
    _run(capsys, "--save", str(link))
    assert link.is_symlink() and read(shared).state["phase"] == "ended"


@pytest.mark.parametrize("policy", ["historical", "greedy:confidence", "spam:raid"])
def test_other_policies_run(capsys, policy):
    data = json.loads(_run(capsys, "--policy", policy))
    assert data["policy"] == policy and sum(data["endings"].values()) == 60


def test_bad_policy_is_a_clear_error(capsys):
    assert main(["simulate", "--scenario", str(MINI), "--games", "2", "--policy", "nope"]) == 1
    err = capsys.readouterr().err
    assert "unknown policy 'nope'" in err and "Traceback" not in err


def test_text_and_markdown_reports(capsys):
    from game.content import loader

    titles = {e.id: e.model.title for e in loader.load(MINI).endings}
    assert main(["simulate", "--scenario", str(MINI), "--games", "20"]) == 0
    out = capsys.readouterr().out
    assert "endings (share, 95% interval)" in out
    for eid, title in titles.items():  # a teacher reads the titles the game shows, beside the ids
        assert any(line.split()[0] == eid and line.endswith("  " + title) for line in out.splitlines() if line.strip()), out
    assert main(["simulate", "--scenario", str(MINI), "--games", "20", "--markdown"]) == 0
    md = capsys.readouterr().out
    assert "| ending | title | games | share |" in md
    assert all(f"| {eid} | {title} |" in md for eid, title in titles.items())


def test_the_text_report_fits_an_80_column_terminal(capsys, monkeypatch):
    """Long lists (rarest events, orders given) and long ending titles ran past 80 columns, where the
    terminal broke them mid-word. They wrap on their commas, each item whole, and a title goes on under
    itself; a wider terminal gets longer lines."""
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["simulate", "--scenario", "basra_2008", "--games", "30", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80, out
    orders = out.split("orders given: ")[1].split("\n\n")[0]
    assert "\n  " in orders  # nineteen orders take more than one line
    for item in orders.replace("\n", " ").split(", "):  # each order whole, with its count
        name, count = item.split()
        assert name.isidentifier() and count.isdigit(), item
    title = "Brought down by your own coalition"
    if "no_confidence" in out:
        row = next(line for line in out.splitlines() if line.split()[:1] == ["no_confidence"])
        rest = out.split(row)[1].splitlines()[1] if not row.endswith(title) else ""
        assert row.endswith(title) or (row + " " + rest.strip()).endswith(title)
    monkeypatch.setenv("COLUMNS", "120")
    assert main(["simulate", "--scenario", "basra_2008", "--games", "30", "--seed", "2"]) == 0
    wide = capsys.readouterr().out
    assert max(len(line) for line in wide.splitlines()) > 80


def test_replay_policy_from_a_save(capsys, tmp_path):
    out = tmp_path / "g.json"
    _run(capsys, "--save", str(out))
    data = json.loads(_run(capsys, "--policy", f"replay:{out}"))
    assert data["policy"] == f"replay:{out}" and data["games"] == 60


def test_text_report_has_lengths_options_and_trajectories(capsys):
    assert main(["simulate", "--scenario", str(MINI), "--games", "40"]) == 0
    out = capsys.readouterr().out
    assert "game length:" in out and "mean metrics, start" in out and "options most linked" in out


def test_options_linked_to_the_score_split_by_whether_picking_them_scored_higher(capsys):
    """An option is listed under '+' only if its games scored above the games without it, under '-'
    only if below, never under both (a few options used to appear in both halves)."""
    assert main(["simulate", "--scenario", str(MINI), "--games", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    section = [line for line in out.split("options most linked to the score")[1].split("\n\n")[0].splitlines()
               if line.startswith(("  + ", "  - "))]
    signs: dict[str, str] = {}
    for line in section:
        sign, key, share, score, _vs, other = line.split()
        assert key not in signs, f"{key} listed twice"
        signs[key] = sign
        assert (float(score) > float(other)) if sign == "+" else (float(score) < float(other)), line
    assert signs, out


def test_the_random_policy_shuffles_exactly_as_the_library_does():
    """RandomPolicy's written-out shuffle, choice and randint draw as the library's do."""
    import random

    from game.sim import policies

    assert policies.shuffle is policies._shuffle and policies.below is policies._below  # the fast ones are in use
    for seed in range(30):
        for n in (0, 1, 3, 8, 31, 100):
            a, b = list(range(n)), list(range(n))
            r1, r2 = random.Random(seed), random.Random(seed)
            r1.shuffle(a)
            policies.shuffle(r2, b)
            assert a == b and r1.random() == r2.random()
            if n:
                assert r1.choice(a) == a[policies.below(r2, n)] and r1.randint(0, n) == policies.below(r2, n + 1)
                assert r1.random() == r2.random()


def test_mean_trajectories_average_the_games_still_going():
    """Each turn's mean of a metric is over the games that reached that turn, as if computed plainly."""
    import statistics

    from game.content import loader
    from game.sim.report import summarize
    from game.sim.runner import run_one

    sc = loader.load(loader.resolve_scenario("basra_2008"))
    results = [run_one(sc, "random", seed)[0] for seed in range(150)]
    assert len({r.turns for r in results}) > 1  # games of different lengths
    out = summarize(sc, "random", 0, results)["trajectories"]
    width = len(sc.metrics)
    for j, mid in enumerate(sc.metrics):
        for t, mean in enumerate(out[mid]):
            col = [r.trajectory[t * width + j] for r in results if r.turns >= t]
            assert mean == round(statistics.fmean(col), 2)
        assert len(out[mid]) == max(r.turns for r in results) + 1


def test_every_report_records_the_mods_in_load_order(capsys, tmp_path, monkeypatch):
    installed = tmp_path / "mods" / "mini" / "an_installed_mod"
    installed.mkdir(parents=True)
    (installed / "e.toml").write_text('[[event]]\nid = "simmod.one"\ntitle = "One"\ntext = "x"\ndebrief = "x"\n'
                                      '[[event.option]]\nid = "ok"\ntext = "Fine"\n', "utf-8")
    extra = tmp_path / "extra_mod"
    extra.mkdir()
    (extra / "e.toml").write_text('[[event]]\nid = "simmod.two"\ntitle = "Two"\ntext = "x"\ndebrief = "x"\n'
                                  '[[event.option]]\nid = "ok"\ntext = "Fine"\n', "utf-8")
    args = ["simulate", "--scenario", str(MINI), "--games", "2", "--seed", "3", "--mod", str(extra)]
    assert main(args + ["--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m.rsplit("/", 1)[-1] for m in data["mods"]] == ["an_installed_mod", "extra_mod"]
    assert main(args) == 0
    assert "mods, in load order: " in capsys.readouterr().out
    assert main(args + ["--markdown"]) == 0
    out = capsys.readouterr().out
    assert "mods, in load order: " in out and out.index("an_installed_mod") < out.index("extra_mod")
    assert main(args[:-2] + ["--no-mods", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["mods"] == []


def _policy_error(capsys, policy, *extra) -> str:
    assert main([*extra, "simulate", "--scenario", str(MINI), "--no-mods", "--games", "1", "--policy", policy]) == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_spam_of_an_unknown_action_names_the_action_and_lists_the_actions(capsys):
    line = _policy_error(capsys, "spam:nothing")
    assert line == ("ceasefire: unknown action 'nothing' in policy 'spam:nothing'; "
                    "actions: raid, services, talks, address"), line
    line = _policy_error(capsys, "spam:talk")
    assert "unknown action 'talk' in policy 'spam:talk'; did you mean 'spam:talks'? actions: raid, " in line
    assert "policy 'spam:' names no action: give spam:ACTION (actions: raid, " in _policy_error(capsys, "spam:")


def test_greedy_of_an_unknown_metric_names_the_metric_and_lists_the_metrics(capsys, mini):
    line = _policy_error(capsys, "greedy:nothing")
    assert line.startswith("ceasefire: unknown metric 'nothing' in policy 'greedy:nothing'; metrics: "), line
    assert all(m in line for m in mini.metrics) and "choose from" not in line
    assert "did you mean 'greedy:cohesion'? metrics: " in _policy_error(capsys, "greedy:cohesin")


def test_replay_of_a_missing_or_bad_save_names_it(capsys, tmp_path):
    line = _policy_error(capsys, f"replay:{tmp_path / 'nope.json'}")
    assert f"no save '{tmp_path / 'nope.json'}' for policy 'replay:" in line and "`ceasefire saves`" in line
    notes = tmp_path / "notes.json"
    notes.write_text("my notes\n")
    line = _policy_error(capsys, f"replay:{notes}")
    assert f"policy 'replay:{notes}': {notes}: not a Ceasefire save file (not JSON" in line
    assert "policy 'replay:' names no save" in _policy_error(capsys, "replay:")


def test_replay_takes_a_save_by_its_name_in_the_saves_folder(capsys, tmp_path):
    folder = tmp_path / "class"
    _run(capsys, "--save", str(folder / "g.json"))
    assert "no save 'g' for policy 'replay:g'" in _policy_error(capsys, "replay:g")  # not in the default folder
    assert main(["--saves-dir", str(folder), "simulate", "--scenario", str(MINI), "--games", "2", "--json",
                 "--policy", "replay:g"]) == 0
    assert json.loads(capsys.readouterr().out)["policy"] == f"replay:{folder / 'g.json'}"


def test_save_says_where_it_wrote_which_game_and_how_it_ended(capsys, tmp_path):
    """--save wrote the file without a word: a teacher following the classroom guide did not know where
    the example game went, nor that it is the last of the games simulated."""
    out = tmp_path / "made" / "last.json"
    assert main(["simulate", "--scenario", str(MINI), "--games", "3", "--seed", "3", "--save", str(out)]) == 0
    captured = capsys.readouterr()
    sf = read(out)
    from game.content import loader

    title = {e.id: e.model.title for e in loader.load(MINI).endings}[sf.state["ending"]]
    assert captured.err.strip() == (f"wrote {out} (made the folder {out.parent}): the last of the 3 games, "
                                    f"ended on turn {sf.state['turn']}: {title}; its debrief: ceasefire debrief {out}")
    assert "wrote" not in captured.out  # stdout stays the report alone (--json stays one JSON object)
    assert main(["simulate", "--scenario", str(MINI), "--games", "1", "--json", "--save", str(out)]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)
    assert captured.err.startswith(f"wrote {out}: the game, ended on turn ")


def test_one_game_counts_the_cards_it_did_not_draw_instead_of_listing_them(capsys):
    """`simulate --games 1 --save` (the classroom guide's example game) listed every event of the scenario that
    this one game did not draw, as 'never fired' and again as the 'rarest' at 0.0%: noise for one game."""
    from game.content import loader

    assert main(["simulate", "--scenario", "basra_short", "--games", "1", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    fired, total = (int(x) for x in out.split("event coverage: ")[1].split(" ")[0].split("/"))
    assert total == len(loader.load("basra_short").events) and 0 < fired < total
    assert (f"{total - fired} events did not come up in this one game (a game draws only some of the cards; "
            "run --games 200 to list those that never fire)") in " ".join(out.split()), out
    assert "never fired:" not in out and "rarest:" not in out
    assert main(["simulate", "--scenario", "basra_short", "--games", "2", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "  rarest: " in out and "  never fired: " in out  # more games: the lists, as before
