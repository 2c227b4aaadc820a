"""A saved scenario file (or a file of its data folder) is noticed once, after it stopped changing."""

from game.storage.watch import ScenarioWatch


def scenario(tmp_path):
    folder = tmp_path / "mon-scenario"
    (folder / "data").mkdir(parents=True)
    path = folder / "scenario.yaml"
    path.write_text("id: mon-scenario\n", encoding="utf-8")
    return path


def polls(watch, seconds, dt=1 / 60):
    return sum(watch.poll(dt) for _ in range(round(seconds / dt)))


def test_an_untouched_scenario_never_reloads(tmp_path):
    watch = ScenarioWatch(scenario(tmp_path))
    assert polls(watch, 5) == 0


def test_a_save_is_reported_once_after_the_file_settled(tmp_path):
    path = scenario(tmp_path)
    watch = ScenarioWatch(path)
    path.write_text("id: mon-scenario\ntitle: Nouveau titre\n", encoding="utf-8")
    assert not watch.poll(0.5)  # seen changing: not read half-written
    assert watch.poll(0.5)
    assert polls(watch, 3) == 0


def test_an_editor_writing_in_two_goes_is_read_once(tmp_path):
    path = scenario(tmp_path)
    watch = ScenarioWatch(path)
    path.write_text("", encoding="utf-8")
    assert not watch.poll(0.5)
    path.write_text("id: mon-scenario\nversion: '2'\n", encoding="utf-8")
    assert not watch.poll(0.5)
    assert watch.poll(0.5)


def test_a_new_or_removed_data_file_counts_as_a_save(tmp_path):
    path = scenario(tmp_path)
    watch = ScenarioWatch(path)
    (path.parent / "data" / "budget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert polls(watch, 1.5) == 1
    (path.parent / "data" / "budget.csv").unlink()
    assert polls(watch, 1.5) == 1


def test_a_scenario_file_deleted_then_restored_is_noticed(tmp_path):
    path = scenario(tmp_path)
    watch = ScenarioWatch(path)
    path.unlink()
    assert polls(watch, 1.5) == 1
    path.write_text("id: mon-scenario\n", encoding="utf-8")
    assert polls(watch, 1.5) == 1
