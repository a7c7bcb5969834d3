//! `w2b key` and signed packs through the real binary: making a key, signing a pack,
//! verifying it, and each forgery refused with a clear message (fixtures built here).

// Test code: a failed expectation should stop the test with its message.
#![allow(clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use common::w2b;

const PASSPHRASE: &str = "kettle on the ward at noon";

fn good_pack() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../tests/fixtures/packs/good")
        .to_string_lossy()
        .into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A key made with `w2b key new`, its passphrase in a file: (private key, passphrase file).
fn new_key(dir: &Path, file: &str, name: &str) -> (PathBuf, PathBuf) {
    let pass = dir.join(format!("{file}.pass"));
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("write passphrase");
    let key = dir.join(file);
    let (code, stdout, stderr) = w2b(&[
        "key",
        "new",
        "--name",
        name,
        "-o",
        s(&key),
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(code, 0, "the key is made: {stderr}");
    assert!(
        stdout.contains(&format!("Made a key for {name}")),
        "{stdout}"
    );
    (key, pass)
}

fn fingerprint(key: &Path) -> String {
    let (code, stdout, stderr) = w2b(&["key", "show", s(key)]);
    assert_eq!(code, 0, "{stderr}");
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("Fingerprint "))
        .expect("a fingerprint line")
        .trim()
        .to_owned()
}

fn build_signed(dir: &Path, key: &Path, pass: &Path, out: &str) -> PathBuf {
    let out = dir.join(out);
    let (code, stdout, stderr) = w2b(&[
        "pack",
        "build",
        &good_pack(),
        "-o",
        s(&out),
        "--sign",
        s(key),
        "--passphrase-file",
        s(pass),
    ]);
    assert_eq!(code, 0, "the signed pack builds: {stderr}");
    assert!(stdout.contains("Signed by"), "{stdout}");
    out
}

fn entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let bytes = std::fs::read(path).expect("read");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().expect("a name").into_owned(), bytes)
        })
        .collect()
}

fn write_zip(path: &Path, entries: &BTreeMap<String, Vec<u8>>) {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    std::fs::write(path, zip.finish().expect("finish").into_inner()).expect("write");
}

#[test]
fn a_key_is_made_shown_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, pass) = new_key(dir.path(), "scheme.key", "North West CLF");
    let public = dir.path().join("scheme.pub");
    let print = fingerprint(&key);
    assert_eq!(
        print,
        fingerprint(&public),
        "both halves show one fingerprint"
    );
    let (_, shown, _) = w2b(&["key", "show", s(&public)]);
    assert!(shown.contains("Name        North West CLF"), "{shown}");
    assert!(shown.contains("w2b-key-1 "), "the line to paste: {shown}");
    let private = std::fs::read_to_string(&key).expect("read");
    assert!(
        !private.contains("w2b-key-1") && private.contains("xchacha20-poly1305"),
        "the private file holds the sealed key"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only its owner may read the private key");
    }
    let before = std::fs::read(&key).expect("read");
    let (code, _, stderr) = w2b(&[
        "key",
        "new",
        "--name",
        "Other",
        "-o",
        s(&key),
        "--passphrase-file",
        s(&pass),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("never overwritten"), "{stderr}");
    assert_eq!(
        std::fs::read(&key).expect("read"),
        before,
        "the old key is untouched"
    );

    let short = dir.path().join("short.pass");
    std::fs::write(&short, "short\n").expect("write");
    let other = dir.path().join("other.key");
    let (code, _, stderr) = w2b(&[
        "key",
        "new",
        "--name",
        "A",
        "-o",
        s(&other),
        "--passphrase-file",
        s(&short),
    ]);
    assert_eq!(code, 2, "a short passphrase is refused");
    assert!(stderr.contains("too short"), "{stderr}");
    assert!(!other.exists(), "nothing is written");

    let junk = dir.path().join("junk.pub");
    std::fs::write(&junk, "ssh-ed25519 AAAAC3Nza me@host\n").expect("write");
    let (code, _, stderr) = w2b(&["key", "show", s(&junk)]);
    assert_eq!(code, 1, "a foreign key is not ours: {stderr}");
}

#[test]
fn a_signed_pack_verifies_and_names_its_signer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, pass) = new_key(dir.path(), "scheme.key", "North West CLF");
    let signed = build_signed(dir.path(), &key, &pass, "signed.w2bpack");
    let (code, stdout, stderr) = w2b(&["pack", "verify", s(&signed)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "Signed by North West CLF (fingerprint {})",
            fingerprint(&key)
        )),
        "{stdout}"
    );
    let (code, _, stderr) = w2b(&["pack", "check", s(&signed), "--as-of", "2026-12-01"]);
    assert_eq!(
        code, 0,
        "a signed pack is an ordinary pack to check: {stderr}"
    );

    let unsigned = dir.path().join("plain.w2bpack");
    let (code, _, _) = w2b(&["pack", "build", &good_pack(), "-o", s(&unsigned)]);
    assert_eq!(code, 0);
    let (code, stdout, _) = w2b(&["pack", "verify", s(&unsigned)]);
    assert_eq!(code, 0, "an unsigned pack is whole, only unsigned");
    assert!(stdout.contains("Not signed"), "{stdout}");
}

#[test]
fn a_wrong_passphrase_signs_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, _) = new_key(dir.path(), "scheme.key", "North West CLF");
    let wrong = dir.path().join("wrong.pass");
    std::fs::write(&wrong, "kettle on the ward at one\n").expect("write");
    let out = dir.path().join("out.w2bpack");
    let (code, stdout, stderr) = w2b(&[
        "pack",
        "build",
        &good_pack(),
        "-o",
        s(&out),
        "--sign",
        s(&key),
        "--passphrase-file",
        s(&wrong),
    ]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("wrong passphrase"), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!out.exists(), "no pack is written");
}

#[test]
fn forged_and_altered_packs_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (key, pass) = new_key(dir.path(), "scheme.key", "North West CLF");
    let (impostor, impostor_pass) = new_key(dir.path(), "impostor.key", "North West CLF");
    let signed = build_signed(dir.path(), &key, &pass, "signed.w2bpack");
    let real = entries(&signed);
    let verify = |name: &str, files: &BTreeMap<String, Vec<u8>>| {
        let path = dir.path().join(name);
        write_zip(&path, files);
        let (code, stdout, stderr) = w2b(&["pack", "verify", s(&path)]);
        assert_eq!(code, 1, "{name} is refused: {stdout}");
        assert!(stderr.contains("Refused: do not install"), "{stderr}");
        stderr
    };

    // The manifest changed after signing: a lesson edited and the sums rebuilt to match.
    let mut altered = real.clone();
    let mut sums: serde_json::Value =
        serde_json::from_slice(&real["pack-files.json"]).expect("sums");
    let lesson = sums["files"]
        .as_object()
        .expect("files")
        .keys()
        .find(|k| k.ends_with(".md"))
        .expect("a lesson")
        .clone();
    let mut body = real[&lesson].clone();
    body.extend_from_slice(b"\nPay the invoice to account 1234.\n");
    sums["files"][&lesson] = serde_json::json!({
        "size": body.len(),
        "sha256": sha256_hex(&body),
    });
    altered.insert(lesson, body);
    altered.insert(
        "pack-files.json".into(),
        serde_json::to_vec_pretty(&sums).expect("json"),
    );
    let stderr = verify("altered.w2bpack", &altered);
    assert!(
        stderr.contains("pack-files.json has changed since it was signed"),
        "{stderr}"
    );

    // Signed by the impostor, claiming the scheme's key.
    let forged = build_signed(dir.path(), &impostor, &impostor_pass, "forged.w2bpack");
    let mut forged = entries(&forged);
    let scheme_key = json(&real, "pack-signature.json")["public_key"].clone();
    edit_json(&mut forged, "pack-signature.json", |sig| {
        sig["public_key"] = scheme_key
    });
    let stderr = verify("claims.w2bpack", &forged);
    assert!(
        stderr.contains("not made by the key it names") && stderr.contains(&fingerprint(&key)),
        "{stderr}"
    );

    // The signature cut short.
    let mut truncated = real.clone();
    edit_json(&mut truncated, "pack-signature.json", |sig| {
        let cut: String = sig["signature"]
            .as_str()
            .expect("text")
            .chars()
            .take(44)
            .collect();
        sig["signature"] = cut.into();
    });
    let stderr = verify("truncated.w2bpack", &truncated);
    assert!(
        stderr.contains("where an Ed25519 signature has 64"),
        "{stderr}"
    );
}

/// A JSON file of an archive's entries.
fn json(files: &BTreeMap<String, Vec<u8>>, name: &str) -> serde_json::Value {
    serde_json::from_slice(&files[name]).expect("json")
}

/// Changes a JSON file among an archive's entries, as a forger would.
fn edit_json(
    files: &mut BTreeMap<String, Vec<u8>>,
    name: &str,
    change: impl FnOnce(&mut serde_json::Value),
) {
    let mut value = json(files, name);
    change(&mut value);
    files.insert(
        name.into(),
        serde_json::to_vec_pretty(&value).expect("json"),
    );
}

/// SHA-256 in hex, as `pack-files.json` holds it, through `sha256sum` so the test does not
/// share the code it checks.
fn sha256_hex(bytes: &[u8]) -> String {
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write");
    let out = child.wait_with_output().expect("output");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .expect("a digest")
        .to_owned()
}
