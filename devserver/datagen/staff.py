"""The school's employees and their sign-in accounts (auth.users)."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from . import ids
from .people import thai_mobile, thai_name
from .sizes import Size
from .times import DAY, HOUR

DEMO_EMAIL = "sales@vschool.example"
DEMO_PASSWORD = "vschool-demo"
STAFF_DOMAIN = "vschool.example"


@dataclass(frozen=True)
class Employee:
    id: str
    auth_user_id: str
    full_name: str
    nickname: str
    role: str
    email: str
    phone: str
    active: bool
    created_at: int
    updated_at: int  # for the former employee: when they left


def _roles(rng: random.Random, count: int) -> list[str]:
    """The founding team first: the owner (admin), a manager, the former employee and the demo account's
    salesperson, so that someone could sell from the first day; after that a shuffled mix with a few managers,
    marketing and instructors in proportion, and sales for the rest (the CRM's main users)."""
    managers = max(1, count // 20)
    marketing = max(1, round(count * 0.12))
    instructors = max(1, round(count * 0.2))
    sales = count - 1 - managers - marketing - instructors
    rest = ["manager"] * (managers - 1) + ["sales"] * (sales - 2) + ["marketing"] * marketing + (
        ["instructor"] * instructors)
    rng.shuffle(rest)
    return ["admin", "manager", "sales", "sales", *rest]


def build_staff(size: Size, rng: random.Random, opened: int, as_of_epoch: int) -> list[Employee]:
    roles = _roles(rng, size.employees)
    # Numbers follow hire dates; the founding team was there before the CRM opened.
    hired = sorted(opened - rng.randrange(30, 400) * DAY + rng.randrange(9 * HOUR, 17 * HOUR) if i < 4
                   else rng.randrange(opened, as_of_epoch - 60 * DAY) for i in range(len(roles)))
    employees: list[Employee] = []
    emails = {DEMO_EMAIL}
    for number, (role, created) in enumerate(zip(roles, hired, strict=True), start=1):
        full_name, nickname, _, given, surname = thai_name(rng)
        former = number == 3
        if role == "sales" and not former and DEMO_EMAIL not in (e.email for e in employees):
            email = DEMO_EMAIL
        else:
            email = f"{given}.{surname[0]}@{STAFF_DOMAIN}"
            suffix = 2
            while email in emails:
                email = f"{given}.{surname[0]}{suffix}@{STAFF_DOMAIN}"
                suffix += 1
        emails.add(email)
        left = rng.randrange(created + 200 * DAY, as_of_epoch - 120 * DAY) if former else created
        employees.append(Employee(
            id=ids.employee_id(number), auth_user_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            full_name=full_name, nickname=nickname, role=role, email=email, phone=thai_mobile(rng),
            active=not former, created_at=created, updated_at=left,
        ))
    return employees
