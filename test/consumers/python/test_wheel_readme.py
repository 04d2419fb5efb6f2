"""What PyPI shows: the wheel's long description (its METADATA), which jsii-pacmak makes from the
README with rosetta's translations. Each sample once, in Python or a language it names, under a
heading that says what it is, and no link that only works on GitHub."""

import os
import re
import zipfile


def long_description() -> str:
    with zipfile.ZipFile(os.environ["LSF_WHEEL"]) as wheel:
        metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        text = wheel.read(metadata).decode("utf-8")
    # The headers end at the first blank line; the description follows.
    return text.split("\n\n", 1)[1]


def fences(text: str) -> list:
    return re.findall(r"^ *```([\w-]*)", text, re.M)[::2]


def test_no_typescript_left_and_no_sample_labelled_as_typescript():
    text = long_description()
    assert "```ts" not in text and "```typescript" not in text
    assert not re.search(r"^TypeScript:\s*$", text, re.M)


def test_each_python_sample_once():
    text = long_description()
    samples = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(samples) >= 2, "the translated stack and the From Python app"
    assert len(set(samples)) == len(samples), "a Python sample appears twice"


def test_every_sample_is_in_a_language_a_python_reader_can_tell():
    assert set(fences(long_description())) <= {"python", "sh", "json", "xml", "java", "yaml", "", "text"}


def test_links_work_outside_github():
    relative = [link for link in re.findall(r"\]\(([^)]+)\)", long_description()) if not re.match(r"https?://|#|mailto:", link)]
    assert relative == []
