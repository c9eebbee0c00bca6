"""Loading into pandas: typed frames from the package, a folder, a zip or a URL; and the plain routes."""
import warnings
import zipfile

import pandas as pd
import pytest

from belarus_russia_defence import load, load_all
from belarus_russia_defence.outputs.frames import ValidationError

from .conftest import ROOT, set_cell


@pytest.fixture(scope="module")
def tables():
    return load_all()


def test_load_gives_real_dtypes(tables):
    ex = tables["exercises"]
    assert str(ex["declared_troops"].dtype) == "Int64"
    assert str(ex["start_date"].dtype) == "date32[day][pyarrow]"
    assert isinstance(ex["confidence"].dtype, pd.CategoricalDtype)
    assert list(ex["confidence"].cat.categories) == ["confirmed", "reported", "alleged"]
    assert str(ex["name"].dtype) == "string"
    assert str(tables["places"]["latitude"].dtype) == "Float64"
    assert str(tables["sanctions"]["asset_freeze"].dtype) == "boolean"


def test_every_table_loads_with_every_row(tables):
    for name, frame in tables.items():
        raw = pd.read_csv(ROOT / "data" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(frame) == len(raw), name
        assert list(frame.columns) == list(raw.columns)


def test_load_one_table_and_join_to_entities():
    sanctions = load("sanctions")
    named = sanctions.merge(load("entities"), left_on="target_id", right_on="id", suffixes=("", "_target"))
    assert len(named) == len(sanctions)
    assert named["name"].notna().all()


def test_load_refuses_invalid_data(package_dir):
    set_cell(package_dir, "exercises", 0, "start_date", "2021-13-01")
    with pytest.raises(ValidationError) as err:
        load("exercises", source=package_dir)
    assert "data/exercises.csv:2:start_date: not a valid date" in str(err.value)


def test_load_from_a_zip_and_a_file_url(tmp_path, tables):
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in [ROOT / "datapackage.json", *ROOT.glob("schemas/*.json"), *ROOT.glob("data/*.csv")]:
            z.write(path, "belarus-russia-defence-ties/" + str(path.relative_to(ROOT)))
    from_zip = load("agreements", source=archive)
    pd.testing.assert_frame_equal(from_zip, tables["agreements"])
    from_url = load("agreements", source=(ROOT / "datapackage.json").as_uri())
    pd.testing.assert_frame_equal(from_url, tables["agreements"])


def test_plain_pandas_read_csv_keeps_text_as_written():
    frame = pd.read_csv(ROOT / "data" / "sources.csv", dtype=str, keep_default_na=False)
    assert frame["url"].str.match(r"https?://").all()


def test_frictionless_to_pandas_route_works():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import frictionless

        frame = frictionless.Package(str(ROOT / "datapackage.json")).get_resource("agreements").to_pandas()
    assert len(frame) == len(pd.read_csv(ROOT / "data" / "agreements.csv"))


def test_load_names_the_cause_when_the_source_cannot_be_read(tmp_path):
    from belarus_russia_defence.errors import SourceUnavailable

    with pytest.raises(SourceUnavailable, match="missing: no such file or folder"):
        load("sanctions", source=tmp_path / "nowhere.zip")
    with pytest.raises(SourceUnavailable, match="missing: no data package descriptor"):
        load("sanctions", source=tmp_path)
    archive = tmp_path / "empty.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "no package here")
    with pytest.raises(SourceUnavailable, match="the zip holds no datapackage.json"):
        load("sanctions", source=archive)


def test_a_network_error_is_never_called_a_missing_file():
    import socket

    from belarus_russia_defence.errors import SourceUnavailable

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SourceUnavailable) as err:
        load("sanctions", source=f"http://127.0.0.1:{port}/datapackage.json")
    assert "unreachable" in str(err.value) and "missing" not in str(err.value)
    assert not isinstance(err.value, FileNotFoundError)


def test_a_404_is_a_missing_descriptor(tmp_path):
    import http.server
    import threading

    from belarus_russia_defence.errors import SourceUnavailable

    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(tmp_path), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(SourceUnavailable, match="missing: the server has no such descriptor"):
            load("sanctions", source=f"http://127.0.0.1:{server.server_port}/datapackage.json")
    finally:
        server.shutdown()
