"""The catalog page over a cache synced from the tiny dataset: categories, search, a product's detail read from
its JSON file (or SQLite without it), a package's contents, and pictures shown offline from the local file."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QApplication

from cache.documents import CATEGORY_DIRS
from cache.jsontree import file_name
from desktop.context import AppContext
from desktop.views.catalog import CATEGORIES, CatalogView, price_text
from sync.credentials import CredentialStore
from sync.pictures import picture_file
from tests.gui import assert_fits, scalar, shown_at_default_size

pytestmark = pytest.mark.usefixtures("no_thread_left")


def show_category(view, category):
    """The tab a click on the category's title selects."""
    view.tabs.setCurrentIndex(next(n for n in range(view.tabs.count()) if view.tabs.tabData(n) == category))


@pytest.fixture
def view(filled_ctx, controller, qtbot):
    widget = CatalogView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def select(view, ident):
    model = view.list.model
    for number in range(model.rowCount()):
        if model.row(number)["id"] == ident:
            view.list.table.selectRow(number)
            assert view.detail.product is not None and view.detail.product["id"] == ident
            return
    raise AssertionError(f"{ident} is not listed")


def test_each_category_lists_exactly_its_products(view, filled_ctx):
    total = scalar(filled_ctx, "SELECT count(*) FROM products")
    assert view.list.model.rowCount() == total > 0
    for category in CATEGORIES:
        show_category(view, category)
        expected = scalar(filled_ctx, "SELECT count(*) FROM products WHERE category = ?", category)
        assert view.list.model.rowCount() == expected > 0
        assert {view.list.model.row(n)["category"] for n in range(expected)} == {category}
        assert view.tabs.tabText(view.tabs.currentIndex()).endswith(f"({expected})")
    view.active_only.setChecked(True)
    assert view.list.model.rowCount() == scalar(
        filled_ctx, "SELECT count(*) FROM products WHERE category = 'menu' AND active")
    view.active_only.setChecked(False)
    show_category(view, None)
    assert view.list.model.rowCount() == total


def test_search_narrows_in_thai_and_english(view, filled_ctx):
    total = view.list.model.rowCount()
    name_th, name_en = filled_ctx.conn.execute(
        "SELECT name_th, name_en FROM products WHERE category = 'course' ORDER BY id LIMIT 1").fetchone()
    for term in (name_th[:4], name_en.split()[0]):
        view.set_search(term)
        rows = [view.list.model.row(n) for n in range(view.list.model.rowCount())]
        assert 0 < len(rows) < total
        fields = ("id", "name_th", "name_en", "description_th", "description_en")
        assert all(any(term.casefold() in (r[f] or "").casefold() for f in fields) for r in rows)
    view.set_search("no such product anywhere")
    assert view.list.model.rowCount() == 0
    assert view.list.empty.text().startswith("No products match")


def test_a_package_lists_its_contents_from_the_file_or_sqlite(view, filled_ctx):
    package = scalar(filled_ctx, "SELECT package_id FROM package_items GROUP BY package_id "
                                 "ORDER BY count(*) DESC, package_id LIMIT 1")
    expected = [(name, str(qty), price_text(price)) for name, qty, price in filled_ctx.conn.execute(
        "SELECT p.name_en, i.qty, p.price_thb FROM package_items i JOIN products p ON p.id = i.product_id "
        "WHERE i.package_id = ? ORDER BY i.id", (package,))]
    assert len(expected) >= 2

    def contents():
        table = view.detail.contents
        return [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]

    show_category(view, "package")
    select(view, package)
    assert view.detail.contents.isVisibleTo(view.detail) and contents() == expected

    filled_ctx.file_path(f"products/{CATEGORY_DIRS['package']}/{file_name(package)}.json").unlink()
    view.reload()
    assert view.detail.product["id"] == package and contents() == expected

    course = scalar(filled_ctx, "SELECT id FROM products WHERE category = 'course' ORDER BY id LIMIT 1")
    show_category(view, "course")
    select(view, course)
    assert not view.detail.contents.isVisibleTo(view.detail)


def test_the_detail_reads_the_products_json_file(view, filled_ctx):
    course = scalar(filled_ctx, "SELECT id FROM products WHERE category = 'course' ORDER BY id LIMIT 1")
    path = filled_ctx.file_path(f"products/courses/{file_name(course)}.json")
    path.write_text(path.read_text().replace('"name_en":', '"name_en":"Edited in the file","was":'))
    show_category(view, "course")
    select(view, course)
    assert view.detail.name.text() == "Edited in the file"


def test_the_picture_comes_from_the_local_file_and_a_placeholder_stands_in(view, filled_ctx):
    product, picture = filled_ctx.conn.execute(
        "SELECT id, picture_path FROM products WHERE picture_path IS NOT NULL ORDER BY id LIMIT 1").fetchone()
    file = filled_ctx.file_path(picture_file(picture))
    assert file.is_file()
    select(view, product)
    assert not view.detail.picture.pixmap().isNull()

    file.unlink()
    view.reload()
    assert view.detail.picture.pixmap().isNull()
    assert view.detail.picture.text().startswith("No picture yet")


def test_without_a_cache_the_list_says_to_sync(sealed, controller, qtbot):
    ctx = AppContext(sealed / "empty-config", sealed / "empty-cache", CredentialStore())
    try:
        view = CatalogView(ctx, controller)
        qtbot.addWidget(view)
        assert view.list.model.rowCount() == 0
        assert view.list.empty.text() == "No products yet — press Sync now (F5)."
        assert view.detail.product is None
    finally:
        ctx.close()


def test_at_the_default_size_the_list_fits_its_pane(view, qtbot, app_font):
    shown_at_default_size(view, qtbot)
    assert_fits(view.list.table)
    assert view.list.table.columnWidth(0) >= 150  # the name, with the room the other columns leave
    show_category(view, "course")  # the category column hides; the name takes its width
    QApplication.processEvents()
    assert_fits(view.list.table)


def test_a_packages_detail_is_laid_out_without_overlaps(view, filled_ctx, qtbot, app_font):
    """The picture above the names, the contents table below the facts with every item in view and its
    product names readable, the total below the table: each in a place of its own, the moment it is shown."""
    shown_at_default_size(view, qtbot)
    package = scalar(filled_ctx, "SELECT package_id FROM package_items GROUP BY package_id "
                                 "ORDER BY count(*) DESC, package_id LIMIT 1")
    items = scalar(filled_ctx, "SELECT count(*) FROM package_items WHERE package_id = ?", package)
    show_category(view, "package")
    for ident in (scalar(filled_ctx, "SELECT id FROM products WHERE category = 'package' ORDER BY id LIMIT 1"),
                  package):
        select(view, ident)
        QApplication.processEvents()  # one pass, as a screenshot takes it: no later re-layout to wait for
        detail = view.detail
        order = [detail.picture, detail.name, detail.other_name, detail.contents_title, detail.contents,
                 detail.contents_total]
        assert all(widget.isVisibleTo(detail) for widget in order)
        for above, below in itertools.pairwise(order):
            assert not above.geometry().intersects(below.geometry()), (above.objectName(), below.objectName())
            assert above.geometry().bottom() < below.geometry().top()
        assert not detail.horizontalScrollBar().isVisible()
        assert detail.widget().width() <= detail.viewport().width()
        assert detail.picture.height() <= 240 and detail.picture.width() >= 300
        table = detail.contents
        assert_fits(table)
        shown_rows = (table.viewport().height() + 1) // table.verticalHeader().defaultSectionSize()
        assert shown_rows >= min(table.rowCount(), 8) >= 1
        product_column = table.columnWidth(0)
        assert product_column == max(table.columnWidth(n) for n in range(table.columnCount()))
        assert product_column >= table.viewport().width() // 2
    assert table.rowCount() == items >= 2
