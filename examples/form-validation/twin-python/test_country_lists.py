"""The three handlers each carry the ISO 3166-1 list; cases.jsonl samples only a few codes."""

import re
from pathlib import Path

from handler import ASSIGNED_COUNTRIES

EXAMPLE_DIR = Path(__file__).resolve().parent.parent


def codes_between(path, start, end):
    source = path.read_text(encoding="utf-8")
    block = source[source.index(start) : source.index(end, source.index(start))]
    return re.findall(r"\b[A-Z]{2}\b", block)


def test_python_has_the_249_assigned_codes():
    assert len(ASSIGNED_COUNTRIES) == 249


def test_rust_list_matches():
    rust = codes_between(EXAMPLE_DIR / "rust/src/countries.rs", "const ASSIGNED", "];")
    assert sorted(rust) == sorted(ASSIGNED_COUNTRIES)


def test_node_list_matches():
    node = codes_between(EXAMPLE_DIR / "twin-node/handler.ts", "const ASSIGNED_COUNTRIES", ".join(")
    assert sorted(node) == sorted(ASSIGNED_COUNTRIES)
