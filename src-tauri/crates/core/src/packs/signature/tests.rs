use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

use super::*;
use crate::packs::{builtin_pack_files, parse_pack};
use crate::signing::SecretKey;

fn key(name: &str) -> SecretKey {
    SecretKey::generate(name).expect("a key is made")
}

/// Every entry of an archive, to alter and write back as a hostile copy.
fn entries(archive: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = ZipArchive::new(Cursor::new(archive)).expect("an archive");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("read");
            (entry.name().expect("a name").into_owned(), bytes)
        })
        .collect()
}

fn rezip(entries: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(name, SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn refusal(archive: &[u8]) -> String {
    let error = PackFiles::from_archive_bytes(archive).expect_err("the pack must be refused");
    assert_eq!(error.problems.len(), 1, "one problem, about the signature");
    error.problems[0].to_string()
}

#[test]
fn a_signed_pack_says_who_signed_it_and_still_parses() {
    let publisher = key("North West CLF");
    let archive = builtin_pack_files()
        .to_archive_signed(Some(&publisher))
        .expect("builds");
    let files = PackFiles::from_archive_bytes(&archive).expect("reads back");
    assert_eq!(
        files.signer().map(|s| &s.key),
        Some(&publisher.public()),
        "the signer is the publisher's key"
    );
    let pack = parse_pack(&files).expect("parses");
    assert_eq!(
        pack.signer.map(|s| s.key),
        Some(publisher.public()),
        "the parsed pack carries its signer"
    );
    assert_eq!(
        files.content_sha256(),
        builtin_pack_files().content_sha256(),
        "signing does not change the pack's content"
    );
    let unsigned = builtin_pack_files().to_archive().expect("builds");
    assert_eq!(
        PackFiles::from_archive_bytes(&unsigned)
            .expect("reads")
            .signer(),
        None,
        "an unsigned archive has no signer"
    );
}

#[test]
fn a_lesson_changed_after_signing_is_refused_even_with_new_sums() {
    let publisher = key("North West CLF");
    let archive = builtin_pack_files()
        .to_archive_signed(Some(&publisher))
        .expect("builds");
    let mut files = entries(&archive);
    // The forger edits a lesson and rebuilds the sums, as `w2b pack build` would.
    let mut altered = builtin_pack_files();
    let (path, _) = altered
        .iter()
        .find(|(p, _)| p.ends_with(".md"))
        .map(|(p, b)| (p.to_owned(), b.to_vec()))
        .expect("a lesson");
    let mut map: BTreeMap<String, Vec<u8>> = altered
        .iter()
        .map(|(p, b)| (p.to_owned(), b.to_vec()))
        .collect();
    map.entry(path.clone())
        .or_default()
        .extend_from_slice(b"\nPay the invoice to account 1234.\n");
    altered = PackFiles::from_map(map);
    let resummed = entries(&altered.to_archive().expect("builds"));
    files.insert(path.clone(), resummed[&path].clone());
    files.insert(SUMS_FILE.into(), resummed[SUMS_FILE].clone());
    let message = refusal(&rezip(&files));
    assert!(
        message.contains("pack-files.json has changed since it was signed"),
        "{message}"
    );
    assert!(
        message.starts_with(SIGNATURE_FILE),
        "names the file: {message}"
    );
}

#[test]
fn a_pack_signed_by_another_key_than_it_claims_is_refused() {
    let publisher = key("North West CLF");
    let impostor = key("North West CLF");
    let archive = builtin_pack_files()
        .to_archive_signed(Some(&impostor))
        .expect("builds");
    let mut files = entries(&archive);
    let mut signature: SignatureFile =
        serde_json::from_slice(&files[SIGNATURE_FILE]).expect("json");
    signature.public_key = publisher.public().key_base64();
    files.insert(SIGNATURE_FILE.into(), signature.to_json());
    let message = refusal(&rezip(&files));
    assert!(
        message.contains("not made by the key it names")
            && message.contains(&publisher.public().fingerprint()),
        "{message}"
    );
}

#[test]
fn a_truncated_signature_is_refused() {
    let archive = builtin_pack_files()
        .to_archive_signed(Some(&key("North West CLF")))
        .expect("builds");
    let mut files = entries(&archive);
    let mut signature: SignatureFile =
        serde_json::from_slice(&files[SIGNATURE_FILE]).expect("json");
    signature.signature.truncate(64);
    files.insert(SIGNATURE_FILE.into(), signature.to_json());
    let message = refusal(&rezip(&files));
    assert!(
        message.contains("48 bytes where an Ed25519 signature has 64"),
        "{message}"
    );

    let cut = &files[SIGNATURE_FILE][..50].to_vec();
    files.insert(SIGNATURE_FILE.into(), cut.clone());
    let message = refusal(&rezip(&files));
    assert!(
        message.contains("signature file cannot be read"),
        "{message}"
    );
}
