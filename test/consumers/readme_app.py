"""The folder of the README's app, as a Python or Java user lays it out, and what its synth must
stage with real bundling. Used by the Python consumer test and, through its command line, by
run.sh for the Java app:

    python readme_app.py layout APP_DIR     # rust/, twin-python/, twin-node/ (esbuild installed as the README says)
    python readme_app.py check CDK_OUT      # the three functions' staged bundles
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "test" / "fixtures"


def lay_out(app: Path) -> None:
    """rust/ (the hello crate), twin-python/ (its pydantic handler), twin-node/ (an npm project of
    its own with esbuild, set up with the README's command)."""
    shutil.copytree(FIXTURES / "rust-hello", app / "rust", ignore=shutil.ignore_patterns("target"))
    shutil.copytree(FIXTURES / "python-twin", app / "twin-python")
    shutil.copytree(FIXTURES / "node-twin", app / "twin-node")
    subprocess.run("npm init -y >/dev/null && npm install --no-audit --no-fund --prefer-offline --save-dev esbuild@0",
                   shell=True, cwd=app / "twin-node", check=True, timeout=300, env=without_app_node_modules(os.environ))


def without_app_node_modules(env: dict) -> dict:
    """The environment without any node_modules/.bin on the PATH: `npx projen` puts this
    repository's there, and a user's `cdk synth` has none; the twin must find esbuild itself."""
    path = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.rstrip("/").endswith("node_modules/.bin"))
    return {**env, "PATH": path}


def synth_environment(outdir: Path) -> dict:
    """What `cdk synth` gives the app: its output folder, real bundling, and the PATH a user has.
    run.sh names a Cargo target folder that the consumer apps' Rust builds share
    (LSF_CONSUMER_CARGO_TARGET_DIR): one build of the dependencies for all of them."""
    env = without_app_node_modules(os.environ)
    env.pop("CDK_CONTEXT_JSON", None)
    shared = env.get("LSF_CONSUMER_CARGO_TARGET_DIR")
    return {**env, "CDK_OUTDIR": str(outdir), **({"CARGO_TARGET_DIR": shared} if shared else {})}


def staged_assets(cdk_out: Path, stack: str = "Signup") -> dict:
    """Each function's staged bundle folder, by runtime."""
    template = json.loads((cdk_out / f"{stack}.template.json").read_text(encoding="utf-8"))
    functions = [r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"]
    return {f["Runtime"]: cdk_out / ("asset." + f["Code"]["S3Key"].removesuffix(".zip")) for f in functions}


def check(cdk_out: Path) -> None:
    assets = staged_assets(cdk_out)
    assert sorted(assets) == ["nodejs22.x", "provided.al2023", "python3.13"], sorted(assets)
    bootstrap = (assets["provided.al2023"] / "bootstrap").read_bytes()
    # An ELF for aarch64 (e_machine 183): what deploys on arm64.
    assert bootstrap[:4] == b"\x7fELF" and int.from_bytes(bootstrap[18:20], "little") == 183, "bootstrap is not an aarch64 ELF"
    python = assets["python3.13"]
    assert "def handler(" in (python / "handler.py").read_text(encoding="utf-8")
    assert (python / "pydantic").is_dir(), "requirements.txt was not installed into the bundle"
    node = (assets["nodejs22.x"] / "index.js").read_text(encoding="utf-8")
    assert "handler" in node and "Promise<" not in node, "the Node twin is not an esbuild bundle"


def main(argv: list) -> int:
    command, *rest = argv
    if command == "layout":
        lay_out(Path(rest[0]))
    elif command == "check":
        check(Path(rest[0]))
        print(f"{rest[0]}: the Rust, Python and Node bundles are staged")
    else:
        raise SystemExit(f"usage: {sys.argv[0]} layout|check DIR")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
