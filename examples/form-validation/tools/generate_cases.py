"""Writes ../cases.jsonl, the contract every form-validation handler must meet.

Expected responses are written by hand here, never computed by an implementation,
so the file stays an independent statement of CONTRACT.md.
Run: python3 examples/form-validation/tools/generate_cases.py
"""

import copy
import json
from pathlib import Path

CASES_FILE = Path(__file__).resolve().parent.parent / "cases.jsonl"

VALID_FORM = {
    "email": "ada@example.com",
    "password": "Correct-Horse-42",
    "displayName": "Ada Lovelace",
    "age": 36,
    "countryCode": "GB",
    "acceptedTerms": True,
    "address": {
        "line1": "12 St James's Square",
        "city": "London",
        "postalCode": "SW1Y 4JH",
        "countryCode": "GB",
    },
}

# form(address__city="x") changes a nested key; a change to DELETE removes the key.
DELETE = object()

EMOJI = "\U0001f600"  # one code point, two UTF-16 units


def form(**changes):
    event = copy.deepcopy(VALID_FORM)
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        target = event
        for parent in parents:
            target = target[parent]
        if value is DELETE:
            del target[key]
        else:
            target[key] = value
    return event


def ok():
    return {"valid": True, "errors": []}


def errors(*pairs):
    return {"valid": False, "errors": [{"field": f, "code": c} for f, c in pairs]}


# What a form without any of its required fields gets.
EVERY_FIELD_REQUIRED = errors(
    ("email", "required"),
    ("password", "required"),
    ("displayName", "required"),
    ("age", "required"),
    ("countryCode", "required"),
    ("acceptedTerms", "required"),
    ("address", "required"),
)


CASES = [
    # Valid forms
    ("valid minimal form", form(), ok()),
    (
        "valid full form with optional phone and line2",
        form(phone="+442071234567", address__line2="Flat 3"),
        ok(),
    ),
    (
        "valid unicode name and address",
        form(
            displayName="Zoë Ñúñez 山田太郎",
            countryCode="BR",
            address={
                "line1": "Rua Açaí, 12 – apto 5",
                "line2": "Édifício São João",
                "city": "São Paulo",
                "postalCode": "01310-100",
                "countryCode": "BR",
            },
        ),
        ok(),
    ),
    ("valid display name of 64 emoji", form(displayName=EMOJI * 64), ok()),
    (
        "valid email with plus, dots, subdomains and upper case",
        form(email="Ann.Lee+news@Mail.Example.CO.UK"),
        ok(),
    ),
    ("valid password of exactly 12 code points", form(password="Abcdefghi1!x"), ok()),
    ("valid password whose symbol is a non-ASCII letter", form(password="Passwörd1234"), ok()),
    ("valid password of 128 code points", form(password="Aa1!" * 32), ok()),
    ("valid age 13", form(age=13), ok()),
    ("valid age 130", form(age=130), ok()),
    ("valid age written as 36.0", form(age=36.0), ok()),
    ("valid empty and null optional fields", form(phone="", address__line2=None), ok()),
    ("valid phone of 7 digits", form(phone="+6834002"), ok()),
    ("unknown keys are ignored", form(nickname="ada", Email=42, address__floor=3), ok()),
    # Event shape
    ("event is an array", [VALID_FORM], errors(("", "wrong_type"))),
    ("event is a string", json.dumps(VALID_FORM), errors(("", "wrong_type"))),
    ("event is a number", 42, errors(("", "wrong_type"))),
    ("event is null", None, errors(("", "wrong_type"))),
    ("event is true", True, errors(("", "wrong_type"))),
    (
        "event is an empty object",
        {},
        EVERY_FIELD_REQUIRED,
    ),
    (
        "every field null",
        {k: None for k in [*VALID_FORM, "phone"]},
        EVERY_FIELD_REQUIRED,
    ),
    (
        "every string empty",
        form(
            email="",
            password="",
            displayName="",
            countryCode="",
            phone="",
            address={"line1": "", "line2": "", "city": "", "postalCode": "", "countryCode": ""},
        ),
        errors(
            ("email", "required"),
            ("password", "required"),
            ("displayName", "required"),
            ("countryCode", "required"),
            ("address.line1", "required"),
            ("address.city", "required"),
            ("address.postalCode", "required"),
            ("address.countryCode", "required"),
        ),
    ),
    (
        "every field of the wrong type",
        {
            "email": ["ada@example.com"],
            "password": 123456789012,
            "displayName": {"first": "Ada"},
            "age": "36",
            "countryCode": 44,
            "phone": 442071234567,
            "acceptedTerms": "true",
            "address": {
                "line1": 12,
                "line2": False,
                "city": ["London"],
                "postalCode": 12345,
                "countryCode": {"code": "GB"},
            },
        },
        errors(
            ("email", "wrong_type"),
            ("password", "wrong_type"),
            ("displayName", "wrong_type"),
            ("age", "wrong_type"),
            ("countryCode", "wrong_type"),
            ("phone", "wrong_type"),
            ("acceptedTerms", "wrong_type"),
            ("address.line1", "wrong_type"),
            ("address.line2", "wrong_type"),
            ("address.city", "wrong_type"),
            ("address.postalCode", "wrong_type"),
            ("address.countryCode", "wrong_type"),
        ),
    ),
    (
        "errors follow contract order, not key order",
        dict(
            reversed(
                list(
                    form(
                        email="nope",
                        age=7,
                        acceptedTerms=False,
                        address__postalCode="#1",
                    ).items()
                )
            )
        ),
        errors(
            ("email", "invalid_format"),
            ("age", "out_of_range"),
            ("acceptedTerms", "must_accept"),
            ("address.postalCode", "invalid_format"),
        ),
    ),
    # email
    ("email missing", form(email=DELETE), errors(("email", "required"))),
    ("email without @", form(email="ada.example.com"), errors(("email", "invalid_format"))),
    ("email with two @", form(email="ada@lab@example.com"), errors(("email", "invalid_format"))),
    ("email with consecutive dots", form(email="ada..l@example.com"), errors(("email", "invalid_format"))),
    ("email local part starting with a dot", form(email=".ada@example.com"), errors(("email", "invalid_format"))),
    ("email with a single-label domain", form(email="ada@localhost"), errors(("email", "invalid_format"))),
    ("email with a numeric top-level label", form(email="ada@example.c0m"), errors(("email", "invalid_format"))),
    ("email domain label ending with hyphen", form(email="ada@example-.com"), errors(("email", "invalid_format"))),
    ("email with a non-ASCII local part", form(email="jösé@example.com"), errors(("email", "invalid_format"))),
    ("email with a trailing newline", form(email="ada@example.com\n"), errors(("email", "invalid_format"))),
    ("email with a 65-character local part", form(email="a" * 65 + "@example.com"), errors(("email", "invalid_format"))),
    ("email of 254 code points", form(email="a" * 64 + "@" + ("b" * 61 + ".") * 3 + "com"), ok()),
    ("email of 255 code points", form(email="a" * 64 + "@" + ("b" * 61 + ".") * 3 + "coms"), errors(("email", "too_long"))),
    # password
    ("password too short", form(password="Abcdefgh1!x"), errors(("password", "too_short"))),
    (
        "password of 11 code points but 12 UTF-16 units",
        form(password="Aa1" + EMOJI + "bcdefgh"),
        errors(("password", "too_short")),
    ),
    ("password too long", form(password="Aa1!" * 32 + "x"), errors(("password", "too_long"))),
    ("password without a digit", form(password="Correct-Horse-XX"), errors(("password", "weak_password"))),
    ("password without an upper-case letter", form(password="correct-horse-42"), errors(("password", "weak_password"))),
    ("password without a lower-case letter", form(password="CORRECT-HORSE-42"), errors(("password", "weak_password"))),
    ("password without a symbol", form(password="CorrectHorse42"), errors(("password", "weak_password"))),
    ("password whose digit is not ASCII", form(password="Correct-Horse-٤٢"), errors(("password", "weak_password"))),
    # displayName
    ("display name missing", form(displayName=DELETE), errors(("displayName", "required"))),
    ("display name of 65 emoji", form(displayName=EMOJI * 65), errors(("displayName", "too_long"))),
    ("display name with a leading space", form(displayName=" Ada"), errors(("displayName", "invalid_format"))),
    ("display name of spaces only", form(displayName="   "), errors(("displayName", "invalid_format"))),
    ("display name with a tab", form(displayName="Ada\tLovelace"), errors(("displayName", "invalid_format"))),
    ("display name with a C1 control", form(displayName="Ada\u0085"), errors(("displayName", "invalid_format"))),
    ("display name with a NUL", form(displayName="Ada\u0000"), errors(("displayName", "invalid_format"))),
    # age
    ("age missing", form(age=DELETE), errors(("age", "required"))),
    ("age 12", form(age=12), errors(("age", "out_of_range"))),
    ("age 131", form(age=131), errors(("age", "out_of_range"))),
    ("age negative", form(age=-1), errors(("age", "out_of_range"))),
    ("age beyond 64-bit integers", form(age=99999999999999999999), errors(("age", "out_of_range"))),
    ("age with a fraction", form(age=36.5), errors(("age", "not_integer"))),
    ("age fraction outside the range", form(age=200.5), errors(("age", "not_integer"))),
    ("age as a string", form(age="36"), errors(("age", "wrong_type"))),
    ("age as a boolean", form(age=True), errors(("age", "wrong_type"))),
    ("age as an array", form(age=[36]), errors(("age", "wrong_type"))),
    # countryCode
    ("country code in lower case", form(countryCode="gb"), errors(("countryCode", "invalid_format"))),
    ("country code of three letters", form(countryCode="GBR"), errors(("countryCode", "invalid_format"))),
    ("country code with full-width letters", form(countryCode="ＧＢ"), errors(("countryCode", "invalid_format"))),
    ("country code XK is not assigned", form(countryCode="XK"), errors(("countryCode", "unknown_country"))),
    ("country code ZZ", form(countryCode="ZZ"), errors(("countryCode", "unknown_country"))),
    ("country codes AQ and ZW are assigned", form(countryCode="AQ", address__countryCode="ZW"), ok()),
    # phone
    ("phone without +", form(phone="442071234567"), errors(("phone", "invalid_format"))),
    ("phone starting with +0", form(phone="+042071234567"), errors(("phone", "invalid_format"))),
    ("phone with spaces", form(phone="+44 20 7123 4567"), errors(("phone", "invalid_format"))),
    ("phone of 16 digits", form(phone="+4420712345678901"), errors(("phone", "invalid_format"))),
    ("phone of 6 digits", form(phone="+683400"), errors(("phone", "invalid_format"))),
    ("phone with full-width digits", form(phone="+４４２０７１２３４５６７"), errors(("phone", "invalid_format"))),
    ("phone with a trailing newline", form(phone="+442071234567\n"), errors(("phone", "invalid_format"))),
    # acceptedTerms
    ("terms not accepted", form(acceptedTerms=False), errors(("acceptedTerms", "must_accept"))),
    ("terms missing", form(acceptedTerms=DELETE), errors(("acceptedTerms", "required"))),
    ("terms as 1", form(acceptedTerms=1), errors(("acceptedTerms", "wrong_type"))),
    # address
    ("address missing", form(address=DELETE), errors(("address", "required"))),
    ("address as a string", form(address="12 St James's Square, London"), errors(("address", "wrong_type"))),
    ("address as an array", form(address=list(VALID_FORM["address"].values())), errors(("address", "wrong_type"))),
    (
        "address empty",
        form(address={}),
        errors(
            ("address.line1", "required"),
            ("address.city", "required"),
            ("address.postalCode", "required"),
            ("address.countryCode", "required"),
        ),
    ),
    ("address line1 of 101 code points", form(address__line1="x" * 101), errors(("address.line1", "too_long"))),
    ("address line2 with a newline", form(address__line2="Flat 3\nBack door"), errors(("address.line2", "invalid_format"))),
    ("address city of 10,000 code points", form(address__city="é" * 10_000), errors(("address.city", "too_long"))),
    ("postal code with a symbol", form(address__postalCode="SW1Y#4JH"), errors(("address.postalCode", "invalid_format"))),
    ("postal code ending with a hyphen", form(address__postalCode="12345-"), errors(("address.postalCode", "invalid_format"))),
    ("postal code of 11 code points", form(address__postalCode="12345678901"), errors(("address.postalCode", "too_long"))),
    ("postal code of one character", form(address__postalCode="9"), ok()),
    ("address country code unknown", form(address__countryCode="EU"), errors(("address.countryCode", "unknown_country"))),
    # Huge inputs
    ("display name of 1 MiB", form(displayName="x" * (1 << 20)), errors(("displayName", "too_long"))),
    ("email of 100,000 code points", form(email="a" * 100_000 + "@example.com"), errors(("email", "too_long"))),
    ("display name as an array of 10,000 strings", form(displayName=["Ada"] * 10_000), errors(("displayName", "wrong_type"))),
]


def main():
    names = [name for name, _, _ in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    # ASCII only: raw U+0085 or U+2028 in a line would split it for some line readers.
    lines = [json.dumps({"name": name, "event": event, "expected": expected}) for name, event, expected in CASES]
    CASES_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} cases to {CASES_FILE}")


if __name__ == "__main__":
    main()
