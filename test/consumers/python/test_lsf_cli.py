"""The lsf command as the wheel installs it: a Python user's own app, synthesized, then measured."""

import json
import subprocess
import sys
from pathlib import Path

from aws_cdk import App, Stack
from cdk_latency_sensitive_function import LatencySensitiveFunction, Twin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BENCH_APP = FIXTURES / "bench-app"
# pip puts the wheel's `lsf` script beside the venv's interpreter.
LSF = Path(sys.executable).parent / "lsf"
# Builds, venvs and runtime clients, shared with the jest tests (git-ignored).
CACHE = Path(__file__).resolve().parents[3] / ".test-cache"


def lsf(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LSF), *args], capture_output=True, text=True, timeout=900, check=False)


def test_lsf_help_runs_from_the_wheel():
    run = lsf("--help")
    assert run.returncode == 0, run.stderr
    assert "bench" in run.stdout and "compare" in run.stdout
    # On Node 22 (scripts/setup-node.sh), jsii's runtime prints no end-of-life banner.
    assert "end-of-life" not in run.stdout + run.stderr


def test_lsf_bench_measures_a_python_app(tmp_path):
    app = App(outdir=str(tmp_path / "cdk.out"), context={"aws:cdk:bundling-stacks": []})
    LatencySensitiveFunction(
        Stack(app, "GreetFromPython"), "Greet",
        manifest_path=str(BENCH_APP / "rust"),
        binary_name="greet",
        twins=[Twin.python(entry=str(BENCH_APP / "twins" / "py"), index="greeting.py", handler="main")],
    )
    assembly = app.synth().directory
    args = ["bench", "--app", assembly, "--event", str(BENCH_APP / "event.json"),
            "--cold", "2", "--warm", "5", "--no-arm64", "--cache-dir", str(CACHE)]

    run = lsf(*args)
    assert run.returncode == 0, run.stderr
    assert "Greet: 2 cold starts and 5 warm invocations per runtime, interleaved; parity 1 cases x rust, python" in run.stdout
    for row in ("│ rust ", "│ python ", "│ floor "):
        assert row in run.stdout
    assert "Rust / python: cold start" in run.stdout

    as_json = lsf(*args, "--json")
    assert as_json.returncode == 0, as_json.stderr
    (result,) = json.loads(as_json.stdout)["results"]
    assert result["constructPaths"] == ["GreetFromPython/Greet"]
    assert [r["name"] for r in result["runtimes"]] == ["rust", "python", "floor"]
