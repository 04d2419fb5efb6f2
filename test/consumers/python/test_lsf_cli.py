"""The lsf command as the wheel installs it: a Python user's own app, synthesized, then measured."""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from aws_cdk import App, Stack
from cdk_latency_sensitive_function import LatencySensitiveFunction, Twin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
BENCH_APP = FIXTURES / "bench-app"
# pip puts the wheel's `lsf` script beside the venv's interpreter.
LSF = Path(sys.executable).parent / "lsf"
# Builds, venvs and runtime clients, shared with the jest tests (git-ignored).
CACHE = Path(__file__).resolve().parents[3] / ".test-cache"
# Where the wheel's lsf unpacks itself for these tests: once per test session, not in ~/.cache.
UNPACKED = tempfile.mkdtemp(prefix="lsf-unpacked-")
atexit.register(shutil.rmtree, UNPACKED, True)


def lsf(*args: str, cache_home: str = UNPACKED) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": cache_home}
    return subprocess.run([str(LSF), *args], capture_output=True, text=True, timeout=900, check=False, env=env)


def test_the_wheel_runs_lsf_from_a_cache_not_through_jsii():
    # jsii's generated script unpacked the package tarballs into a new temporary folder on every run.
    script = LSF.read_text(encoding="utf-8")
    assert "invokeBinScript" not in script and "JSII_RUNTIME_PACKAGE_CACHE" not in script
    assert "unpacks the same\ntarballs once" in script


def test_lsf_unpacks_once_per_version_even_when_first_runs_race(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = [subprocess.Popen([str(LSF), "--help"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=900) for run in first]
    assert [run.returncode for run in first] == [0, 0], outputs
    assert all("bench" in out for out, _ in outputs)

    # One folder, named after the version, and no half-unpacked one left by the run that lost the race.
    (folder,) = (tmp_path / "cdk-latency-sensitive-function").iterdir()
    assert re.fullmatch(r"lsf-%s-[0-9a-f]{16}" % re.escape(version("cdk-latency-sensitive-function")), folder.name)
    lsf_js = folder / "node_modules" / "cdk-latency-sensitive-function" / "lib" / "lsf" / "cli" / "lsf.js"
    # lsf's peer dependencies are unpacked beside it, from the wheels pip installed with it.
    assert (folder / "node_modules" / "aws-cdk-lib" / "package.json").is_file()
    assert (folder / "node_modules" / "constructs" / "package.json").is_file()
    unpacked = lsf_js.stat()

    later = lsf("--help", cache_home=str(tmp_path))
    assert later.returncode == 0, later.stderr
    assert "unpacking" not in later.stderr
    assert lsf_js.stat().st_ino == unpacked.st_ino and lsf_js.stat().st_mtime_ns == unpacked.st_mtime_ns


def test_lsf_exit_codes_reach_the_caller(tmp_path):
    run = lsf("bench", "--app", str(tmp_path / "missing"), "--event", str(BENCH_APP / "event.json"))
    assert run.returncode == 2
    assert "is not a folder" in run.stderr


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
