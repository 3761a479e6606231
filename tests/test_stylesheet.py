"""The one style sheet: every role the code gives a widget has a rule in it, and a state changed on a widget
already shown takes its new look, padding included, through stylesheet.restyle."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop import stylesheet
from desktop.resource_files import STYLE_SHEET, resource_path

DESKTOP = Path(stylesheet.__file__).resolve().parent


def roles_in_code() -> set[str]:
    roles = set()
    for path in DESKTOP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "setProperty" and len(node.args) == 2
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value == "role"):
                assert isinstance(node.args[1], ast.Constant), f"{path.name}: a role the sheet can be checked for"
                roles.add(node.args[1].value)
    return roles


def test_every_role_in_the_code_has_a_rule():
    sheet = resource_path(STYLE_SHEET).read_text(encoding="utf-8")
    ruled = set(re.findall(r'\[role="(\w+)"\]', sheet))
    used = roles_in_code()
    assert {"muted", "error", "title"} <= used
    assert used <= ruled, f"roles without a rule: {used - ruled}"


@pytest.fixture
def styled(qapp):
    stylesheet.install(qapp)  # a rule Qt cannot parse is a Qt warning, which fails the test
    yield qapp
    qapp.setStyleSheet("")


def test_a_state_changed_after_the_first_paint_restyles(styled, qtbot):
    label = QLabel("● Offline")
    label.setObjectName("connection")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert label.contentsMargins().left() == 0

    stylesheet.restyle(label, "connection", "online")
    assert label.palette().windowText().color().name() == "#15803d"
    assert (label.contentsMargins().left(), label.contentsMargins().right()) == (8, 8)

    stylesheet.restyle(label, "connection", "signed_out")
    assert label.palette().windowText().color().name() == "#b45309"
