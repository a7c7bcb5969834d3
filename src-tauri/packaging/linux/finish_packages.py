#!/usr/bin/env python3
"""Finishes the .deb and .rpm the Tauri bundler made, and copies them to --out.

The bundler names the desktop file after the product ("Ward to Board.desktop"). Desktop
environments match a window to its launcher by the desktop file's name, so it must be the
app id, uk.wardtoboard.WardToBoard.desktop, as the metainfo and the MIME database expect.
This renames it and rebuilds both packages with the system's own tools (dpkg-deb, rpmbuild),
keeping everything else the bundler wrote: control fields, dependencies, files. Both packages
hold the same files, so the .rpm is built from the finished .deb's tree (Debian's rpm2cpio
cannot read the payload the bundler writes), with the .rpm's own name, version, licence and
requirements. The files are named as each system names packages:
ward-to-board_0.2.0_amd64.deb and ward-to-board-0.2.0-1.x86_64.rpm.
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

APP_ID = "uk.wardtoboard.WardToBoard"
BUNDLER_DESKTOP = "Ward to Board.desktop"
APPLICATIONS = Path("usr/share/applications")


def rename_desktop_file(root: Path) -> None:
    applications = root / APPLICATIONS
    made = applications / BUNDLER_DESKTOP
    wanted = applications / f"{APP_ID}.desktop"
    if made.exists():
        made.rename(wanted)
    if not wanted.exists():
        sys.exit(f"no desktop file in {applications}: the bundler's output changed")
    stray = [p.name for p in applications.iterdir() if p != wanted]
    if stray:
        sys.exit(f"unexpected desktop files in the package: {stray}")


def wrap_description(control: Path) -> None:
    """The bundler writes the long description as one line; Debian wants lines under 80."""
    lines = []
    for line in control.read_text().splitlines():
        if line.startswith(" ") and len(line) > 79:
            lines.extend(" " + part for part in textwrap.wrap(line.strip(), 78))
        else:
            lines.append(line)
    control.write_text("\n".join(lines) + "\n")


def deb_field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True, text=True
    ).stdout.strip()


def finish_deb(deb: Path, root: Path, out: Path) -> Path:
    """Unpacks the bundler's .deb into `root`, fixes it, and builds the finished .deb."""
    subprocess.run(["dpkg-deb", "-R", str(deb), str(root)], check=True)
    rename_desktop_file(root)
    wrap_description(root / "DEBIAN" / "control")
    # Policy: directories 755, files 644, programs 755, whoever built it.
    for path in root.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
        elif path.parent.name == "bin":
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    sums = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and "DEBIAN" not in path.relative_to(root).parts:
            digest = hashlib.md5(path.read_bytes()).hexdigest()  # noqa: S324 (dpkg's format)
            sums.append(f"{digest}  {path.relative_to(root)}\n")
    (root / "DEBIAN" / "md5sums").write_text("".join(sums))
    name = "_".join(deb_field(deb, f) for f in ("Package", "Version", "Architecture"))
    target = out / f"{name}.deb"
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return target


def rpm_query(rpm: Path, fmt: str) -> str:
    return subprocess.run(
        ["rpm", "-qp", "--nosignature", "--qf", fmt, str(rpm)],
        check=True, capture_output=True, text=True,
    ).stdout


def finish_rpm(rpm: Path, root: Path, out: Path) -> Path:
    """Builds the finished .rpm from the finished .deb's tree (`root`), with the bundler's
    .rpm's name, version, release, summary, licence, address and requirements."""
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        fields = {
            key: rpm_query(rpm, f"%{{{key}}}")
            for key in ("NAME", "VERSION", "RELEASE", "SUMMARY", "LICENSE", "URL", "ARCH")
        }
        description = rpm_query(rpm, "%{DESCRIPTION}")
        requires = [
            line for line in rpm_query(rpm, "[%{REQUIRES}\n]").splitlines()
            if line and not line.startswith("rpmlib(")
        ]
        files = sorted(
            "/" + str(p.relative_to(root))
            for p in root.rglob("*")
            if not p.is_dir() and "DEBIAN" not in p.relative_to(root).parts
        )
        spec = work / "package.spec"
        lines = [
            f"Name: {fields['NAME']}",
            f"Version: {fields['VERSION']}",
            f"Release: {fields['RELEASE']}",
            f"Summary: {fields['SUMMARY']}",
            f"License: {fields['LICENSE']}",
            f"URL: {fields['URL']}",
            "AutoReqProv: no",
            *[f"Requires: {r}" for r in requires],
            "",
            "%description",
            description,
            "",
            "%install",
            f"cp -a {root}/usr %{{buildroot}}/",
            "",
            "%files",
            *[f'"{f}"' for f in files],
            "",
        ]
        spec.write_text("\n".join(lines))
        topdir = work / "rpmbuild"
        subprocess.run(
            ["rpmbuild", "-bb", "--quiet", "--define", f"_topdir {topdir}",
             "--define", "__os_install_post %{nil}", "--define", "debug_package %{nil}",
             "--target", fields["ARCH"], str(spec)],
            check=True, stdout=subprocess.DEVNULL,
        )
        built = next((topdir / "RPMS").rglob("*.rpm"))
        target = out / built.name
        shutil.copyfile(built, target)
        return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bundles", type=Path, required=True, help="the bundler's release/bundle")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    debs = sorted((args.bundles / "deb").glob("*.deb"))
    rpms = sorted((args.bundles / "rpm").glob("*.rpm"))
    if len(debs) != 1 or len(rpms) != 1:
        sys.exit(f"expected one .deb and one .rpm in {args.bundles}, found {debs + rpms}")
    for stale in list(args.out.glob("*.deb")) + list(args.out.glob("*.rpm")):
        stale.unlink()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "root"
        made = [finish_deb(debs[0], root, args.out), finish_rpm(rpms[0], root, args.out)]
    for package in made:
        print(f"{package}  {package.stat().st_size / 1024 / 1024:.2f} MiB")


if __name__ == "__main__":
    main()
