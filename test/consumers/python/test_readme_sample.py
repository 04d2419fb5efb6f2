"""The README's Python sample, run as a user would: its code defines add_validator, which must
build the stack it describes."""

import re
import shutil
from pathlib import Path

from aws_cdk import App, Stack
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Template

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "test" / "fixtures"


def readme_python_samples() -> list:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_one_python_sample():
    assert len(readme_python_samples()) == 1


def test_the_readme_python_sample_builds_its_stack(tmp_path):
    # The sample's paths are relative to its own file: lay out ../rust and ../twin-python.
    shutil.copytree(FIXTURES / "rust-hello", tmp_path / "rust", ignore=shutil.ignore_patterns("target"))
    shutil.copytree(FIXTURES / "python-twin", tmp_path / "twin-python")
    (tmp_path / "app").mkdir()
    namespace = {"__file__": str(tmp_path / "app" / "app.py"), "__name__": "readme_sample"}
    exec(compile(readme_python_samples()[0], "README.md", "exec"), namespace)

    stack = Stack(App(context={"aws:cdk:bundling-stacks": []}), "Readme")
    validate = namespace["add_validator"](stack, sns.Topic(stack, "Alerts"))

    template = Template.from_stack(stack)
    runtimes = sorted(f["Properties"]["Runtime"] for f in template.find_resources("AWS::Lambda::Function").values())
    assert runtimes == ["provided.al2023", "python3.13"]
    template.has_resource_properties("AWS::ApiGateway::Method", {"HttpMethod": "POST"})
    template.has_resource_properties("AWS::Lambda::Function", {"Runtime": "provided.al2023", "Timeout": 2})
    assert validate.twins[0].name == "python"
