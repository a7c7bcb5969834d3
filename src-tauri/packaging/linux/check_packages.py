#!/usr/bin/env python3
"""Checks the finished .deb and .rpm (make package-check; docs/packaging.md).

Each check prints what it looked at; any failure exits non-zero with the reason.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

APP_ID = "uk.wardtoboard.WardToBoard"
MAX_DEB_BYTES = 12 * 1024 * 1024

REQUIRED = [
    "usr/bin/ward-to-board",
    "usr/bin/w2b",
    f"usr/share/applications/{APP_ID}.desktop",
    f"usr/share/metainfo/{APP_ID}.metainfo.xml",
    f"usr/share/mime/packages/{APP_ID}.xml",
    "usr/share/icons/hicolor/scalable/apps/ward-to-board.svg",
    "usr/share/icons/hicolor/scalable/mimetypes/application-vnd.wardtoboard.pack+zip.svg",
    "usr/share/icons/hicolor/scalable/mimetypes/application-vnd.wardtoboard.bundle+zip.svg",
    "usr/share/icons/hicolor/scalable/mimetypes/application-vnd.wardtoboard.review+json.svg",
    "usr/share/man/man1/ward-to-board.1.gz",
    "usr/share/man/man1/w2b.1.gz",
    "usr/share/man/man1/w2b-pack-check.1.gz",
    "usr/share/bash-completion/completions/w2b",
    "usr/share/zsh/vendor-completions/_w2b",
    "usr/share/fish/vendor_completions.d/w2b.fish",
    "usr/share/doc/ward-to-board/copyright",
    "usr/share/doc/ward-to-board/changelog.gz",
] + [f"usr/share/icons/hicolor/{s}x{s}/apps/ward-to-board.png" for s in (32, 48, 64, 128, 256, 512)]

failures = []


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, **kw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="where make package put them")
    args = parser.parse_args()
    debs = sorted(args.out.glob("*.deb"))
    rpms = sorted(args.out.glob("*.rpm"))
    if len(debs) != 1 or len(rpms) != 1:
        sys.exit(f"expected one .deb and one .rpm in {args.out}: run make package")
    deb, rpm = debs[0], rpms[0]

    size = deb.stat().st_size
    check(size <= MAX_DEB_BYTES, f"{deb.name} is {size / 1024 / 1024:.2f} MiB (at most 12)")

    listing = run(["dpkg-deb", "-c", str(deb)], check=True).stdout
    paths = {line.split()[-1].removeprefix("./") for line in listing.splitlines()}
    for path in REQUIRED:
        check(path in paths, f".deb holds /{path}")
    check(not any(p.startswith("usr/share/applications/Ward") for p in paths),
          ".deb has no desktop file named after the product")

    control = run(["dpkg-deb", "-f", str(deb)], check=True).stdout
    depends = next((l for l in control.splitlines() if l.startswith("Depends:")), "")
    check("libwebkit2gtk-4.1-0" in depends, f"declares WebKitGTK 4.1: {depends}")
    check("libgtk-3-0" in depends, "declares GTK 3")

    rpm_paths = set(run(["rpm", "-qpl", "--nosignature", str(rpm)], check=True).stdout.split())
    for path in REQUIRED:
        check("/" + path in rpm_paths, f".rpm holds /{path}")
    rpm_requires = run(["rpm", "-qp", "--requires", "--nosignature", str(rpm)], check=True).stdout
    check("webkit2gtk4.1" in rpm_requires, ".rpm requires webkit2gtk4.1")

    with tempfile.TemporaryDirectory() as root:
        run(["dpkg-deb", "-x", str(deb), root], check=True)
        root = Path(root)
        desktop = root / f"usr/share/applications/{APP_ID}.desktop"
        result = run(["desktop-file-validate", str(desktop)])
        check(result.returncode == 0 and not result.stdout.strip(),
              f"desktop-file-validate {desktop.name} {result.stdout.strip()}")
        entry = desktop.read_text()
        for line in ("Exec=ward-to-board %F", "StartupWMClass=", "MimeType=application/vnd.wardtoboard.pack+zip;"):
            check(line in entry, f"desktop file has {line}")
        metainfo = root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
        result = run(["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)])
        check(result.returncode == 0, "appstreamcli validate --no-net " + result.stdout.strip().replace("\n", " | "))

        # The MIME database, built from the package's XML alone, names each kind of file.
        mime = Path(tempfile.mkdtemp()) / "mime"
        (mime / "packages").mkdir(parents=True)
        (mime / "packages" / f"{APP_ID}.xml").write_bytes(
            (root / f"usr/share/mime/packages/{APP_ID}.xml").read_bytes())
        result = run(["update-mime-database", "-V", str(mime)])
        check(result.returncode == 0, "update-mime-database accepts the MIME types " + result.stderr.strip()[:200])
        globs = (mime / "globs2").read_text() if (mime / "globs2").exists() else ""
        for ext, kind in (("w2bpack", "pack+zip"), ("w2bbundle", "bundle+zip"), ("w2breview", "review+json")):
            check(f"application/vnd.wardtoboard.{kind}:*.{ext}" in globs, f"*.{ext} is application/vnd.wardtoboard.{kind}")

        version = run([str(root / "usr/bin/w2b"), "--version"])
        check(version.returncode == 0 and version.stdout.startswith("w2b "), f"w2b --version: {version.stdout.strip()}")

    result = run(["lintian", "--no-tag-display-limit", "--suppress-tags",
                  # An app built by cargo links Rust's runtime statically; Tauri's own choice.
                  "embedded-library", str(deb)])
    errors = [l for l in result.stdout.splitlines() if l.startswith("E:")]
    warnings = [l for l in result.stdout.splitlines() if l.startswith("W:")]
    for line in errors + warnings:
        print("     " + line)
    check(not errors, f"lintian: {len(errors)} error(s), {len(warnings)} warning(s)")

    if failures:
        sys.exit(f"{len(failures)} packaging check(s) failed")
    print("All packaging checks passed.")


if __name__ == "__main__":
    main()
