"""The bundled Thai font and the translation pipeline, end to end: fonts registered and actually used for
Thai glyphs; the .ts compiled by tools/translations.py and installed as the application's translator."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPainter, QRawFont, QTextLayout

from desktop import fonts, i18n
from tools import translations

DEMO_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th" sourcelanguage="en">
<context>
    <name>Demo</name>
    <message>
        <source>Hello</source>
        <translation>สวัสดี</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture(scope="module")
def families(qapp):
    # Once: registering again would add the same fonts a second time.
    return fonts.register_fonts()


@pytest.fixture
def english_after(qapp):
    """Other tests read English strings: leave the application as they expect it."""
    yield qapp
    i18n.install_translator(qapp, "en")


def ours(app) -> list[QTranslator]:
    return app.findChildren(QTranslator, i18n._TRANSLATOR_NAME)


def test_bundled_fonts_register(families):
    assert {"Noto Sans", "Noto Sans Thai"} <= set(families)
    assert "Noto Sans Thai" in QFontDatabase.families()
    assert QRawFont.fromFont(QFont("Noto Sans Thai")).supportsCharacter(ord("ส"))


def test_application_font_draws_thai_with_the_bundled_font(families):
    font = fonts.application_font(24)
    assert font.families()[:2] == ["Noto Sans", "Noto Sans Thai"]
    assert font.pointSizeF() == 24

    # Which font each run of glyphs comes from: Thai from Noto Sans Thai (no glyph 0, the missing-glyph box),
    # Latin from Noto Sans.
    layout = QTextLayout("Hello สวัสดี", font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = {run.rawFont().familyName(): list(run.glyphIndexes()) for run in layout.glyphRuns()}
    assert set(runs) == {"Noto Sans", "Noto Sans Thai"}
    assert len(runs["Noto Sans Thai"]) == len("สวัสดี") and 0 not in runs["Noto Sans Thai"]

    image = QImage(240, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(4, 44), "สวัสดี")
    painter.end()
    dark = sum(image.pixelColor(x, y).lightness() < 128 for x in range(image.width()) for y in range(image.height()))
    assert dark > 50


def test_missing_fonts_are_a_warning(qapp, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(fonts, "resource_path", tmp_path.joinpath)
    with caplog.at_level(logging.WARNING, logger=fonts.__name__):
        assert fonts.register_fonts() == []
    assert "No bundled fonts" in caplog.text


def test_thai_translator_installs_from_the_built_catalogue(english_after):
    app = english_after
    translations.build()
    assert i18n.translation_file("th").exists()

    i18n.install_translator(app, "th")
    installed = ours(app)
    assert [t.language() for t in installed] == ["th"]
    assert installed[0].filePath().endswith("vschool_th.qm")

    i18n.install_translator(app, "th")
    assert len(ours(app)) == 1, "switching language replaces our translator"
    i18n.install_translator(app, "en")
    assert ours(app) == []


def test_pipeline_gives_thai_at_runtime(english_after, tmp_path, monkeypatch):
    """A translated .ts, built by the tools script (once: the second build sees the .qm up to date), reaches
    QCoreApplication.translate; switching back to English takes it away."""
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "vschool_th.ts").write_text(DEMO_TS, encoding="utf-8")
    monkeypatch.setattr(translations, "TRANSLATIONS", folder)
    translations.build()
    qm = folder / "vschool_th.qm"
    built = qm.stat().st_mtime_ns
    translations.build()
    assert qm.stat().st_mtime_ns == built

    monkeypatch.setattr(i18n, "resource_path", tmp_path.joinpath)
    i18n.install_translator(english_after, "th")
    assert QCoreApplication.translate("Demo", "Hello") == "สวัสดี"
    i18n.install_translator(english_after, "en")
    assert QCoreApplication.translate("Demo", "Hello") == "Hello"


@pytest.mark.parametrize("language", ["th", "xx"])
def test_no_catalogue_keeps_english(english_after, tmp_path, monkeypatch, caplog, language):
    monkeypatch.setattr(i18n, "resource_path", tmp_path.joinpath)
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        i18n.install_translator(english_after, language)
    assert ours(english_after) == []
    assert "using English" in caplog.text
