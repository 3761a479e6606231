"""Made-up people who look like the school's real customers and staff: Thai locals with nicknames and LINE ids,
and visitors from abroad with their own phone formats. Email addresses use reserved example domains so that
nothing generated here can reach a real mailbox."""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass

from .names import COUNTRIES, EMAIL_DOMAINS, NICKNAMES_FOR, THAI_GIVEN_FEMALE, THAI_GIVEN_MALE, THAI_SURNAMES
from .weighted import Weighted

# Share of customers from abroad by how they found the school: tourists book through Google and the website or
# walk in; Thais mostly come through Facebook, LINE and TikTok.
FOREIGN_SHARE = {"FB": 0.35, "IG": 0.45, "LN": 0.1, "TT": 0.2, "GG": 0.75, "WI": 0.7, "RF": 0.4, "WB": 0.7}

TAGS_DIET = (("vegetarian", 0.08), ("vegan", 0.03), ("halal", 0.04), ("gluten-free", 0.02),
             ("seafood allergy", 0.03), ("peanut allergy", 0.03))
TAGS_GROUP = (("family", 0.1), ("couple", 0.08), ("kids", 0.05), ("group", 0.05), ("corporate", 0.05))
TAGS_THAI = (("ชอบเผ็ด", 0.06), ("ไม่ทานเผ็ด", 0.05), ("ขอใบกำกับภาษี", 0.04))
TAG_REGULAR = "ลูกค้าประจำ"
_LATER_TAGS = Weighted.of((*TAGS_DIET, *TAGS_GROUP, *TAGS_THAI, (TAG_REGULAR, 0.2)))

NOTES_TH = (
    "สนใจคลาสส่วนตัวช่วงเสาร์อาทิตย์", "แพ้ถั่ว ขอเมนูที่ไม่ใส่ถั่วลิสง", "ติดต่อทาง LINE สะดวกกว่าโทร",
    "ขอใบกำกับภาษีในนามบริษัท", "มากับครอบครัว 4 ท่าน มีเด็ก 2 คน", "อยากเรียนทำขนมไทยเพิ่ม",
    "ถามเรื่องบัตรของขวัญสำหรับวันเกิดคุณแม่", "สนใจจัดคลาสทีมบิลดิ้งให้พนักงาน 15 คน", "ไม่ทานเนื้อวัว",
    "เคยเรียนคลาสต้มยำแล้ว อยากต่อคลาสแกง", "โทรกลับหลัง 18:00 น.", "ขอที่จอดรถ",
)
NOTES_EN = (
    "Prefers morning classes", "Allergic to shellfish", "Staying on Sukhumvit until the end of the month",
    "Asked about gift vouchers", "Team-building class for 12 people from the office", "Doesn't eat pork",
    "Wants the recipe booklet in English", "Came back with friends after the first class", "Mild spice, please",
    "Interested in the market tour", "Asked for hotel pick-up in Silom", "Celebrating an anniversary",
)


@dataclass(frozen=True)
class Person:
    full_name: str
    nickname: str | None
    phone: str | None
    email: str | None
    line_id: str | None
    birthday: datetime.date | None
    country: str  # TH for Thais


def _digits(rng: random.Random, pattern: str) -> str:
    digits = iter(f"{rng.randrange(10 ** pattern.count('#')):0{pattern.count('#')}d}")
    return "".join(next(digits) if ch == "#" else ch for ch in pattern)


def thai_mobile(rng: random.Random) -> str:
    return _digits(rng, rng.choice(("06", "08", "09")) + rng.choice("123456789") + "-###-####")


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _birthday(rng: random.Random, as_of: datetime.date, chance: float) -> datetime.date | None:
    if rng.random() >= chance:
        return None
    age_days = rng.randrange(18 * 365, 70 * 365)
    return as_of - datetime.timedelta(days=age_days)


def _email(rng: random.Random, first: str, last: str, birthday: datetime.date | None) -> str:
    style = rng.randrange(4)
    if style == 0:
        local = f"{first}.{last}"
    elif style == 1:
        local = f"{first}{last[:3]}"
    elif style == 2 and birthday is not None:
        local = f"{first}{birthday.year % 100:02d}"
    else:
        local = f"{first}{rng.randrange(1, 999)}"
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def thai_name(rng: random.Random) -> tuple[str, str, str, str, str]:
    """(Thai full name, Thai nickname, Latin nickname, romanised given name, romanised surname)."""
    gender = rng.choice("mf")
    given, given_latin = rng.choice(THAI_GIVEN_MALE if gender == "m" else THAI_GIVEN_FEMALE)
    surname, surname_latin = rng.choice(THAI_SURNAMES)
    nickname, nickname_latin = rng.choice(NICKNAMES_FOR[gender])
    return f"{given} {surname}", nickname, nickname_latin, given_latin, surname_latin


def thai_customer(rng: random.Random, as_of: datetime.date) -> Person:
    full_name, nick_th, nick_latin, given_latin, surname_latin = thai_name(rng)
    roll = rng.random()
    nickname = nick_th if roll < 0.6 else nick_latin if roll < 0.9 else None
    birthday = _birthday(rng, as_of, 0.6)
    email = _email(rng, given_latin, surname_latin, birthday) if rng.random() < 0.65 else None
    line_id = None
    if rng.random() < 0.75:
        # Thais often put their Buddhist-era birth year in handles.
        year = f"{birthday.year + 543}" if birthday and rng.random() < 0.3 else f"{rng.randrange(100):02d}"
        line_id = rng.choice((f"{nick_latin.lower()}.{surname_latin[:4]}", f"{given_latin}_{year}",
                              f"{nick_latin.lower()}{year}"))
    phone = thai_mobile(rng) if rng.random() < 0.95 else None
    return Person(full_name, nickname, phone, email, line_id, birthday, "TH")


def foreign_customer(rng: random.Random, as_of: datetime.date) -> Person:
    country = rng.choice(COUNTRIES)
    given, family = rng.choice(country.given), rng.choice(country.family)
    full_name = f"{family} {given}" if country.family_first else f"{given} {family}"
    birthday = _birthday(rng, as_of, 0.3)
    email = _email(rng, _ascii(given), _ascii(family), birthday) if rng.random() < 0.9 else None
    # Many visitors buy a Thai SIM on arrival; the rest give their home number.
    roll = rng.random()
    phone = thai_mobile(rng) if roll < 0.35 else _digits(rng, country.phone) if roll < 0.85 else None
    line_id = f"{_ascii(given)}{rng.randrange(10, 99)}" if rng.random() < 0.15 else None
    nickname = given.split()[0].split("-")[0] if rng.random() < 0.1 else None
    return Person(full_name, nickname, phone, email, line_id, birthday, country.code)


def customer(rng: random.Random, source: str, as_of: datetime.date) -> Person:
    if rng.random() < FOREIGN_SHARE[source]:
        return foreign_customer(rng, as_of)
    return thai_customer(rng, as_of)


def customer_tags(rng: random.Random, person: Person, regular: bool) -> list[str]:
    tags = []
    if person.country != "TH":
        tags.append("tourist" if rng.random() < 0.7 else "expat")
    for options in (TAGS_DIET, TAGS_GROUP) + ((TAGS_THAI,) if person.country == "TH" else ()):
        tags.extend(tag for tag, chance in options if rng.random() < chance)
    if regular and rng.random() < 0.6:
        tags.append(TAG_REGULAR)
    return tags


def note(rng: random.Random, thai: bool) -> str:
    return rng.choice(NOTES_TH if thai else NOTES_EN)


def customer_note(rng: random.Random, person: Person) -> str | None:
    if rng.random() >= 0.25:
        return None
    return note(rng, thai=person.country == "TH" and rng.random() < 0.8)


def extra_tag(rng: random.Random) -> str:
    """A tag learnt about a customer after sign-up, weighted as the tags are among customers."""
    return _LATER_TAGS.pick(rng)
