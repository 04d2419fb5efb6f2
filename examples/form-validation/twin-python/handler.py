"""Signup form validation with pydantic: the Python twin of ../rust.

The contract, codes and error order are in ../CONTRACT.md.
"""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

# Patterns use [0-9] and [A-Za-z], not \d or \w, which match non-ASCII digits and letters.
EMAIL = re.compile(
    r"(?=[^@]{1,64}@)"  # the local part is at most 64 characters
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
POSTAL_CODE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?")
COUNTRY_CODE = re.compile(r"[A-Z]{2}")
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Officially assigned ISO 3166-1 alpha-2 codes (from Debian's iso-codes package).
ASSIGNED_COUNTRIES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)


def fail(code):
    # The error type is the contract code; the handler reports it as is.
    raise PydanticCustomError(code, code)


def non_empty(s: str) -> str:
    if s == "":
        fail("required")
    return s


def at_most(limit):
    def check(s: str) -> str:
        if len(s) > limit:  # len counts code points, as the contract does
            fail("too_long")
        return s

    return check


def matching(pattern):
    def check(s: str) -> str:
        if not pattern.fullmatch(s):
            fail("invalid_format")
        return s

    return check


def plain_text(s: str) -> str:
    if s.startswith(" ") or s.endswith(" ") or CONTROL_CHARACTER.search(s):
        fail("invalid_format")
    return s


def strong_password(s: str) -> str:
    if len(s) < 12:
        fail("too_short")
    if len(s) > 128:
        fail("too_long")
    classes = ("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789")
    has_each_class = all(any(c in chars for c in s) for chars in classes)
    has_other = any(not (c.isascii() and c.isalnum()) for c in s)
    if not (has_each_class and has_other):
        fail("weak_password")
    return s


def assigned_country(code: str) -> str:
    if code not in ASSIGNED_COUNTRIES:
        fail("unknown_country")
    return code


def integral(age: float) -> float:
    if not float(age).is_integer():
        fail("not_integer")
    return age


def plausible_age(age: float) -> float:
    if not 13 <= age <= 130:
        fail("out_of_range")
    return age


def accepted(value: bool) -> bool:
    if not value:
        fail("must_accept")
    return value


def empty_as_none(value):
    # An optional form input left empty arrives as "".
    return None if value == "" else value


# Validators run in the order listed: that order is the contract's rule order.
Email = Annotated[str, AfterValidator(non_empty), AfterValidator(at_most(254)), AfterValidator(matching(EMAIL))]
Password = Annotated[str, AfterValidator(non_empty), AfterValidator(strong_password)]
DisplayName = Annotated[str, AfterValidator(non_empty), AfterValidator(at_most(64)), AfterValidator(plain_text)]
AddressLine = Annotated[str, AfterValidator(non_empty), AfterValidator(at_most(100)), AfterValidator(plain_text)]
PostalCode = Annotated[str, AfterValidator(non_empty), AfterValidator(at_most(10)), AfterValidator(matching(POSTAL_CODE))]
CountryCode = Annotated[
    str, AfterValidator(non_empty), AfterValidator(matching(COUNTRY_CODE)), AfterValidator(assigned_country)
]
Phone = Annotated[str, AfterValidator(matching(E164))]
# strict float takes JSON integers too; 36.0 is a valid age, 36.5 is not.
Age = Annotated[float, AfterValidator(integral), AfterValidator(plausible_age)]
AcceptedTerms = Annotated[bool, AfterValidator(accepted)]

# strict: "36" is not a number and 1 is not a boolean.
FORM_CONFIG = ConfigDict(strict=True, alias_generator=to_camel)


class Address(BaseModel):
    model_config = FORM_CONFIG

    line1: AddressLine
    line2: Annotated[AddressLine | None, BeforeValidator(empty_as_none)] = None
    city: AddressLine
    postal_code: PostalCode
    country_code: CountryCode


class SignupForm(BaseModel):
    """Fields in the contract's error order: pydantic reports errors in field order."""

    model_config = FORM_CONFIG

    email: Email
    password: Password
    display_name: DisplayName
    age: Age
    country_code: CountryCode
    phone: Annotated[Phone | None, BeforeValidator(empty_as_none)] = None
    accepted_terms: AcceptedTerms
    address: Address


TYPE_ERRORS = {"string_type", "float_type", "bool_type", "model_type"}


def code_of(error) -> str:
    if error["type"] == "missing":
        return "required"
    if error["type"] in TYPE_ERRORS:
        return "required" if error["input"] is None else "wrong_type"
    return error["type"]


def verdict(errors):
    return {"valid": not errors, "errors": errors}


def handler(event, context):
    if not isinstance(event, dict):
        return verdict([{"field": "", "code": "wrong_type"}])
    try:
        SignupForm.model_validate(event)
    except ValidationError as invalid:
        errors = invalid.errors(include_url=False, include_context=False)
        return verdict([{"field": ".".join(map(str, e["loc"])), "code": code_of(e)} for e in errors])
    return verdict([])
