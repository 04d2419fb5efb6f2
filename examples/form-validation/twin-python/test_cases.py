"""Runs every line of ../cases.jsonl, the contract shared with the Rust and Node handlers."""

import json
from pathlib import Path

import pytest

from handler import handler

CASES_FILE = Path(__file__).resolve().parent.parent / "cases.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()]


def test_the_contract_has_at_least_40_cases():
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case(case):
    # Compare serialized JSON so key order counts, as it does for the other handlers.
    assert json.dumps(handler(case["event"], None)) == json.dumps(case["expected"])
