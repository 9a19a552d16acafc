"""Finding shipped files: KANPE_ASSETS, a PyInstaller bundle, or the source checkout."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import kanpe
from kanpe.storage.assets import (
    ASSETS_ENV,
    MissingAssetError,
    asset_path,
    assets_dir,
    sample_rundown_path,
)

CHECKOUT_ASSETS = Path(__file__).resolve().parents[2] / "assets"


@pytest.fixture
def checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ASSETS_ENV, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)


@pytest.mark.usefixtures("checkout")
def test_source_checkout() -> None:
    assert assets_dir()[0] == CHECKOUT_ASSETS
    assert Path(kanpe.__file__).resolve().parents[2] / "assets" == CHECKOUT_ASSETS
    assert sample_rundown_path() == CHECKOUT_ASSETS / "rundown-sample.toml"
    assert sample_rundown_path().is_file()


def test_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rundown-sample.toml").write_text('title = "mine"\n', encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    monkeypatch.setenv(ASSETS_ENV, str(tmp_path))
    assert sample_rundown_path() == tmp_path / "rundown-sample.toml"


def test_pyinstaller_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "assets" / "web").mkdir(parents=True)
    (tmp_path / "assets" / "web" / "audience.html").write_text("<p>hi</p>", encoding="utf-8")
    monkeypatch.delenv(ASSETS_ENV, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert asset_path("web", "audience.html") == tmp_path / "assets" / "web" / "audience.html"


def test_missing_asset_names_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ASSETS_ENV, str(tmp_path))
    with pytest.raises(MissingAssetError) as caught:
        asset_path("sounds", "chime.wav")
    assert isinstance(caught.value, FileNotFoundError)
    assert caught.value.asset == "sounds/chime.wav"
    message = str(caught.value)
    assert "'sounds/chime.wav' is missing" in message
    assert str(tmp_path) in message
    assert ASSETS_ENV in message


@pytest.mark.usefixtures("checkout")
@pytest.mark.parametrize(
    "parts",
    [
        pytest.param(("..", "pyproject.toml"), id="parent"),
        pytest.param(("web", "..", "..", "pyproject.toml"), id="nested-parent"),
        pytest.param((str(CHECKOUT_ASSETS / "rundown-sample.toml"),), id="absolute"),
        pytest.param((), id="nothing"),
        pytest.param(("",), id="empty"),
    ],
)
def test_names_that_leave_the_assets_directory_are_refused(parts: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="not an asset name"):
        asset_path(*parts)
