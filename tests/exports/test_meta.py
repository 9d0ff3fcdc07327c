"""The facts every export records: the app version comes from pyproject.toml alone."""

from __future__ import annotations

import tomllib

from exports.meta import APP_VERSION, PYPROJECT, project_version


def test_the_app_version_is_the_one_in_pyproject():
    with PYPROJECT.open("rb") as file:
        assert APP_VERSION == tomllib.load(file)["project"]["version"]


def test_project_version_reads_the_file_it_is_given(tmp_path):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\nversion = "9.8.7"\n', encoding="utf-8")
    assert project_version(other) == "9.8.7"
    assert project_version(tmp_path / "missing.toml") == "unknown"
    other.write_text("[project\n", encoding="utf-8")
    assert project_version(other) == "unknown"
