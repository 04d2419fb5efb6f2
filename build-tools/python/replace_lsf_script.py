"""Puts build-tools/python/lsf in place of the `lsf` script that jsii-pacmak wrote into the wheel and the sdist.

jsii's script unpacks the package tarballs into a temporary folder on every run; ours unpacks
them once into a cache (see the script's docstring). pacmak has no option for it, so the built
artifacts are rewritten: the wheel's script and its RECORD line (hash and size), and the
sdist's copy of the script. Usage: python3 replace_lsf_script.py dist/python
"""

import base64
import hashlib
import io
import sys
import tarfile
import zipfile
from pathlib import Path

SCRIPT = (Path(__file__).parent / "lsf").read_bytes()
# pip rewrites a wheel script's `#!python` to the interpreter it installs into.
WHEEL_SCRIPT = b"#!python\n" + SCRIPT.split(b"\n", 1)[1]


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def replace_in_wheel(wheel):
    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    scripts = [info.filename for info, _ in entries if info.filename.endswith(".data/scripts/lsf")]
    if len(scripts) != 1:
        sys.exit("%s: expected one .data/scripts/lsf, found %s: has jsii-pacmak changed how it writes bin scripts?" % (wheel, scripts))
    rewritten = io.BytesIO()
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == scripts[0]:
                data = WHEEL_SCRIPT
            elif info.filename.endswith(".dist-info/RECORD"):
                lines = [record_line(scripts[0], WHEEL_SCRIPT) if line.startswith(scripts[0] + ",") else line
                         for line in data.decode().splitlines()]
                data = ("\n".join(lines) + "\n").encode()
            target.writestr(info, data)
    wheel.write_bytes(rewritten.getvalue())


def replace_in_sdist(sdist):
    with tarfile.open(sdist) as source:
        entries = [(member, source.extractfile(member).read() if member.isfile() else None) for member in source.getmembers()]
    scripts = [member.name for member, _ in entries if member.name.endswith("/bin/lsf")]
    if len(scripts) != 1:
        sys.exit("%s: expected one src/<module>/bin/lsf, found %s" % (sdist, scripts))
    rewritten = io.BytesIO()
    with tarfile.open(fileobj=rewritten, mode="w:gz", format=tarfile.PAX_FORMAT) as target:
        for member, data in entries:
            if member.name == scripts[0]:
                data = SCRIPT
                member.size = len(data)
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    sdist.write_bytes(rewritten.getvalue())


def main(folder):
    wheels, sdists = sorted(Path(folder).glob("*.whl")), sorted(Path(folder).glob("*.tar.gz"))
    if not wheels:
        sys.exit("%s holds no wheel: run jsii-pacmak --target python first" % folder)
    for wheel in wheels:
        replace_in_wheel(wheel)
        print("%s: lsf script replaced" % wheel)
    for sdist in sdists:
        replace_in_sdist(sdist)
        print("%s: lsf script replaced" % sdist)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "dist/python")
