"""Phone numbers as search and links read them. Reps write the same Thai number as 081-234-5678, 0812345678 or
+66 81 234 5678; the search index and the `tel:` link hold it in one international form, "+66812345678", so the
digits a rep types match however the number was written, and only in the order typed. The country code is
never guessed from the middle of a number: "6698" finds +66 98… and numbers with 6698 in them, not every number
holding "098"."""

from __future__ import annotations

import re

THAILAND = "66"
_PHONE_LIKE = re.compile(r"[\d\s+\-.()]+")


def digits_only(expression: str) -> str:
    """SQL for a phone number without its separators, so that 0812345678, 081-234-5678 and (081) 234 5678
    all find the same customer."""
    for separator in "- +.()":
        expression = f"replace({expression}, '{separator}', '')"
    return expression


def international_sql(expression: str) -> str:
    """SQL for `international` of a column, for the search index."""
    digits = digits_only(expression)
    return (f"CASE WHEN {expression} IS NULL OR {digits} = '' THEN NULL "
            f"WHEN ltrim({expression}) LIKE '+%' THEN '+' || {digits} "
            f"WHEN {digits} LIKE '0%' THEN '+{THAILAND}' || substr({digits}, 2) "
            f"WHEN length({digits}) = 11 AND {digits} LIKE '{THAILAND}%' THEN '+' || {digits} "
            f"ELSE {digits} END")


def international(phone: str | None) -> str | None:
    """"+66812345678" for 081-234-5678 and +66 81 234 5678; a number in another country's form keeps its own
    code; a short or unusual one (an extension, "1112") its digits."""
    if phone is None:
        return None
    digits = re.sub(r"\D", "", phone)
    if not digits:
        return None
    if phone.lstrip().startswith("+"):
        return "+" + digits
    if digits.startswith("0"):
        return f"+{THAILAND}{digits[1:]}"
    if len(digits) == 11 and digits.startswith(THAILAND):
        return "+" + digits
    return digits


def query_forms(text: str) -> list[str]:
    """What a search that looks like a phone number looks for in the international column: the digits as typed,
    in order; typed with a leading 0 or +, also the number that starts so ("081" → "+6681", anchored by the
    "+"). Empty if the query is not a phone number."""
    if not _PHONE_LIKE.fullmatch(text):
        return []
    digits = re.sub(r"\D", "", text)
    if not digits:
        return []
    forms = [digits]
    if text.lstrip().startswith("+"):
        forms = ["+" + digits]
    elif digits.startswith("0") and len(digits) > 1:
        forms.append(f"+{THAILAND}{digits[1:]}")
    return forms
