"""The product catalog: classes, packages of classes, the equipment shop and the café menu.

Small enough to keep whole in memory even for `large` (1,000 products); orders look prices up here."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import ids
from .catalog_data import (
    COURSE_VARIANTS,
    COURSES,
    EQUIPMENT,
    EQUIPMENT_VARIANTS,
    MENU_VARIANTS,
    MENUS,
    PACKAGES,
    Course,
    Item,
    Variant,
)
from .sizes import Size
from .times import DAY, HOUR

PICTURE_BUCKET = "product-pictures"
PACKAGE_DISCOUNT = 0.85

T = TypeVar("T")


@dataclass(frozen=True)
class Product:
    id: str
    category: str
    name_th: str
    name_en: str
    description_th: str
    description_en: str
    price: int  # satang
    hours: float | None
    active: bool
    sort_order: int
    created_at: int

    @property
    def picture_path(self) -> str:
        return f"{self.category}/{self.id}.jpg"


@dataclass(frozen=True)
class PackageItem:
    id: str
    package_id: str
    product_id: str
    qty: int
    created_at: int


@dataclass(frozen=True)
class Catalog:
    products: list[Product]
    package_items: list[PackageItem]


def _with_variants(rng: random.Random, bases: Sequence[T], variants: Sequence[Variant], count: int,
                   key: Callable[[T], str]) -> list[tuple[T, Variant | None]]:
    """The base items first, then a shuffled mix of the (base, variant) pairs that make sense, up to `count`."""
    picked: list[tuple[T, Variant | None]] = [(base, None) for base in bases[:count]]
    pairs = [(base, variant) for variant in variants for base in bases if variant.fits(key(base))]
    rng.shuffle(pairs)
    picked.extend(pairs[: count - len(picked)])
    if len(picked) < count:
        raise ValueError(f"the catalog has only {len(picked)} sensible products of this category")
    return picked


def _round(value: float, step: int, low: int, high: int) -> int:
    return min(high, max(low, round(value / step) * step))


class _Builder:
    def __init__(self, rng: random.Random, opened: int, last_change: int) -> None:
        self.rng = rng
        self.opened = opened
        self.last_change = last_change
        self.products: list[Product] = []
        self.counters: dict[str, int] = {}

    def add(self, category: str, names: tuple[str, str], descriptions: tuple[str, str], price_thb: int,
            hours: float | None, variant: bool) -> Product:
        number = self.counters[category] = self.counters.get(category, 0) + 1
        # The original catalog was entered when the school opened its CRM; variants came later. A few items of
        # every catalog are retired (inactive), at fixed places so that even `tiny` has some.
        created = (self.rng.randrange(self.opened + 7 * DAY, self.last_change) if variant
                   else self.opened + number * HOUR)
        product = Product(
            id=ids.product_id(category, number), category=category, name_en=names[0], name_th=names[1],
            description_en=descriptions[0], description_th=descriptions[1], price=price_thb * 100, hours=hours,
            active=self.rng.random() >= 0.08 if variant else number % 12 != 7, sort_order=number * 10,
            created_at=created,
        )
        self.products.append(product)
        return product


def build_catalog(size: Size, rng: random.Random, opened: int, as_of_epoch: int) -> Catalog:
    builder = _Builder(rng, opened, as_of_epoch - 30 * DAY)
    courses: dict[str, tuple[Course, Product]] = {}
    for course, cv in _with_variants(rng, COURSES, COURSE_VARIANTS, size.courses, lambda c: c.short_en):
        if cv is None:
            product = builder.add("course", (course.name_en, course.name_th),
                                  (course.description_en, course.description_th), course.price_thb,
                                  course.hours, variant=False)
            courses[course.short_en] = (course, product)
        else:
            builder.add("course", (f"{course.name_en} – {cv.name_en}", f"{course.name_th} ({cv.name_th})"),
                        (f"{course.description_en} {cv.description_en}",
                         f"{course.description_th} {cv.description_th}"),
                        _round(course.price_thb * cv.price_factor, 100, 1200, 3500), course.hours, variant=True)
    equipment: dict[str, Product] = {}
    for item, ev in _with_variants(rng, EQUIPMENT, EQUIPMENT_VARIANTS, size.equipment,
                                   lambda e: e.name_en):
        if ev is None:
            equipment[item.name_en] = builder.add("cooking_eqt", (item.name_en, item.name_th),
                                                  (item.description_en, item.description_th), item.price_thb,
                                                  None, variant=False)
        else:
            builder.add("cooking_eqt", (f"{item.name_en} – {ev.name_en}", f"{item.name_th} {ev.name_th}"),
                        (f"{item.description_en} {ev.description_en}", f"{item.description_th} {ev.description_th}"),
                        _round(item.price_thb * ev.price_factor, 10, 50, 10_000), None, variant=True)
    menus = [Item(en, th, price, f"{en}, cooked to order at the VSchool café from the recipe we teach in class.",
                  f"{th} ปรุงสดใหม่ที่คาเฟ่ VSchool ตามสูตรเดียวกับที่สอนในคลาส") for en, th, price in MENUS]
    for dish, mv in _with_variants(rng, menus, MENU_VARIANTS, size.menus, lambda m: m.name_en):
        if mv is None:
            builder.add("menu", (dish.name_en, dish.name_th), (dish.description_en, dish.description_th),
                        dish.price_thb, None, variant=False)
        else:
            builder.add("menu", (f"{dish.name_en} – {mv.name_en}", f"{dish.name_th} ({mv.name_th})"),
                        (f"{dish.description_en} {mv.description_en}", f"{dish.description_th} {mv.description_th}"),
                        _round(dish.price_thb * mv.price_factor, 5, 80, 350), None, variant=True)
    items = _packages(builder, size.packages, courses, equipment)
    return Catalog(builder.products, items)


def _packages(builder: _Builder, count: int, courses: dict[str, tuple[Course, Product]],
              equipment: dict[str, Product]) -> list[PackageItem]:
    """The school's named packages whose contents this catalog holds, then generated bundles of courses."""
    rng = builder.rng
    items: list[PackageItem] = []
    seen: set[frozenset[str]] = set()

    def add(names: tuple[str, str], descriptions: tuple[str, str], contents: list[Product], named: bool) -> None:
        seen.add(frozenset(p.id for p in contents))
        full_price = sum(p.price for p in contents) // 100
        price = max(100, _round(full_price * PACKAGE_DISCOUNT, 100, 0, 1_000_000) - 10)
        hours = sum(p.hours or 0 for p in contents)
        package = builder.add("package", names, descriptions, price, hours, variant=not named)
        items.extend(PackageItem(ids.package_item_id(package.id, p.id), package.id, p.id, 1, package.created_at)
                     for p in contents)

    for pkg in PACKAGES:
        if len(seen) == count:
            break
        if all(c in courses for c in pkg.courses) and all(e in equipment for e in pkg.equipment):
            contents = [courses[c][1] for c in pkg.courses] + [equipment[e] for e in pkg.equipment]
            add((pkg.name_en, pkg.name_th), (pkg.description_en, pkg.description_th), contents, named=True)
    shorts = sorted(courses)
    while len(seen) < count:
        picked = rng.sample(shorts, rng.choice((2, 2, 3, 3, 4)))
        extra = [equipment[rng.choice(sorted(equipment))]] if equipment and rng.random() < 0.4 else []
        contents = [courses[s][1] for s in picked] + extra
        if frozenset(p.id for p in contents) in seen:
            continue
        en = [courses[s][0].short_en for s in picked]
        th = [courses[s][0].short_th for s in picked]
        label_en, label_th = {2: ("Duo", "คู่หู"), 3: ("Trio", "สามคลาส"), 4: ("Grand Tour", "ครบสี่คลาส")}[len(picked)]
        names = (f"{label_en}: {' + '.join(en)}", f"{label_th}: {' + '.join(th)}")
        description_en = f"{len(picked)} classes at a package price"
        description_th = f"เรียน {len(picked)} คลาสในราคาแพ็กเกจ"
        if extra:
            description_en += f"; to take home: {extra[0].name_en}"
            description_th += f" พร้อม{extra[0].name_th}กลับบ้าน"
        add(names, (description_en + ".", description_th), contents, named=False)
    return items
