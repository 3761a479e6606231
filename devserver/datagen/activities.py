"""The sales staff's activity log: calls, LINE chats, visits, e-mails and notes against customers, some with a
follow-up. The demo salesperson always has follow-ups overdue, due on the last day and upcoming, so the
timeline and the Follow-ups view have something to show from the first sign-in."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace

from .customers import Population
from .times import DAY, HOUR, MINUTE, day_of, midnight
from .weighted import Weighted

KINDS = Weighted.of([("line", 40), ("call", 25), ("note", 15), ("visit", 10), ("email", 10)])
BODIES = {
    "call": ["Called about the Saturday class", "โทรสอบถามคอร์สแกงเขียวหวาน", "Asked for the package prices",
             "โทรยืนยันวันเรียน", "No answer, will try again"],
    "line": ["Sent the course schedule on LINE", "ส่งตารางเรียนทาง LINE แล้ว", "Asked about a private class",
             "ลูกค้าถามเรื่องส่วนลดกลุ่ม", "Shared photos from the last class"],
    "visit": ["Came by the school to see the kitchen", "มาดูสถานที่เรียน", "Tasted the menu at the open day"],
    "email": ["Sent the quotation for a team-building class", "ส่งใบเสนอราคาทางอีเมล",
              "Replied about vegetarian options"],
    "note": ["Prefers weekend mornings", "แพ้ถั่ว ต้องแจ้งครู", "Interested in the market tour",
             "Coming back with friends next month"],
}
OUTCOMES = ["interested", "booked", "no answer", "call back", "not now", None, None]
FOLLOW_UP_SHARE = 0.3
DONE_SHARE = 0.75  # of the follow-ups already due


@dataclass(frozen=True)
class Activity:
    id: str
    customer_id: str
    employee_id: str
    kind: str
    body: str
    outcome: str | None
    follow_up_at: int | None
    done_at: int | None
    created_at: int

    @property
    def updated_at(self) -> int:
        return max(self.created_at, self.done_at or 0)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def draft(rng: random.Random, customer_id: str, author: str, at: int) -> Activity:
    """An activity without a follow-up, logged at `at` (epoch seconds)."""
    kind = KINDS.pick(rng)
    return Activity(_uuid(rng), customer_id, author, kind, rng.choice(BODIES[kind]), rng.choice(OUTCOMES),
                    None, None, at)


def plan_activities(rng: random.Random, count: int, population: Population, sales: list[str], demo_employee: str,
                    now: int) -> list[Activity]:
    """`count` activities, oldest first. Each is written by the customer's salesperson after they joined;
    the last few are the demo salesperson's open follow-ups around the last day (`now` is its midnight)."""
    demo_follow_ups = [-3 * DAY, -1 * DAY, 10 * HOUR, 15 * HOUR, 2 * DAY, 5 * DAY, 9 * DAY]
    random_count = max(0, count - len(demo_follow_ups))
    activities: list[Activity] = []
    n = len(population.ids)
    for _ in range(random_count):
        ci = rng.randrange(n)
        joined = population.created[ci]
        at = joined + int(rng.random() ** 0.5 * (now - joined))
        author = population.buyers[ci].assigned_employee_id or rng.choice(sales)
        activity = draft(rng, population.ids[ci], author, min(at, now - MINUTE))
        if rng.random() < FOLLOW_UP_SHARE:
            # A whole hour of a working day, one to two weeks on.
            due = midnight(day_of(activity.created_at + rng.randrange(1, 15) * DAY)) + rng.randrange(9, 18) * HOUR
            done = None
            if due < now and rng.random() < DONE_SHARE:
                done = min(now - MINUTE, due + rng.randrange(10 * MINUTE, 2 * DAY))
            activity = replace(activity, follow_up_at=due, done_at=done)
        activities.append(activity)
    theirs = [ci for ci, b in enumerate(population.buyers) if b.assigned_employee_id == demo_employee] or list(
        range(n))
    for offset in demo_follow_ups[: count - random_count]:
        ci = theirs[rng.randrange(len(theirs))]
        due = now + offset
        at = min(now - MINUTE, max(population.created[ci], due - rng.randrange(1, 7) * DAY))
        activity = draft(rng, population.ids[ci], demo_employee, at)
        activities.append(replace(activity, follow_up_at=due, outcome="call back"))
    activities.sort(key=lambda a: (a.created_at, a.id))
    return activities

