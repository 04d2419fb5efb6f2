"""The README's Python app, run as a user would against the installed wheel. It is jsii-rosetta's
translation of the README's TypeScript sample plus the lines that run it: the test fails when
the two drift apart, so that Python readers and PyPI see the same code."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from aws_cdk.assertions import Template

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import readme_app  # noqa: E402  (test/consumers/readme_app.py, shared with run.sh's Java app)

ROOT = Path(__file__).resolve().parents[3]


def readme_python_samples() -> list:
    return re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def rosetta_python_of(marker: str) -> str:
    """The Python translation, in the tablet of the strict extraction, of the TypeScript sample holding `marker`."""
    tablet = json.loads(Path(os.environ["LSF_ROSETTA_TABLET"]).read_text(encoding="utf-8"))
    sources = [s["translations"] for s in tablet["snippets"].values() if marker in s["translations"]["$"]["source"]]
    assert len(sources) == 1, f"{len(sources)} TypeScript samples hold {marker!r}"
    return sources[0]["python"]["source"]


def test_the_readme_has_one_python_app():
    assert len(readme_python_samples()) == 1


def test_the_python_app_is_rosettas_translation_of_the_typescript_sample():
    app = readme_python_samples()[0]
    translation = rosetta_python_of("class SignupStack")
    assert app.startswith(translation.rstrip() + "\n"), "README's From Python app no longer starts with rosetta's translation:\n" + translation


def test_the_python_app_synthesizes_as_cdk_synth_runs_it(tmp_path):
    # `cdk synth` runs `python app.py` in the app's folder, where the app's relative paths
    # point: lay out the handlers there, the Node twin set up as the README says. Real
    # bundling: cargo-lambda, pip for Lambda's platform and esbuild, found without a PATH edit.
    readme_app.lay_out(tmp_path)
    (tmp_path / "app.py").write_text(readme_python_samples()[0], encoding="utf-8")
    subprocess.run([sys.executable, "app.py"], cwd=tmp_path, env=readme_app.synth_environment(tmp_path / "cdk.out"), check=True, timeout=900)
    readme_app.check(tmp_path / "cdk.out")

    template = Template.from_json(json.loads((tmp_path / "cdk.out" / "Signup.template.json").read_text(encoding="utf-8")))
    runtimes = sorted(f["Properties"]["Runtime"] for f in template.find_resources("AWS::Lambda::Function").values())
    assert runtimes == ["nodejs22.x", "provided.al2023", "python3.13"]
    template.has_resource_properties("AWS::ApiGateway::Method", {"HttpMethod": "POST"})
    template.has_resource_properties("AWS::Lambda::Function", {"Runtime": "provided.al2023", "Timeout": 2})
    # Every alarm notifies the topic.
    topic = {"Ref": next(iter(template.find_resources("AWS::SNS::Topic")))}
    alarms = template.find_resources("AWS::CloudWatch::Alarm").values()
    assert len(alarms) == 5 and all(a["Properties"]["AlarmActions"] == [topic] for a in alarms)
