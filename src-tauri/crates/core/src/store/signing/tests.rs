use chrono::TimeZone;

use super::*;
use crate::packs::{parse_pack, PackFiles};
use crate::signing::SecretKey;
use crate::store::{ImportConsent, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 21, 30, 0)
        .single()
        .expect("valid time")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), now()).expect("opens");
    (dir, store)
}

/// A small pack, as a learner receives it: an archive, signed by `key` when one is given.
fn pack(version: &str, key: Option<&SecretKey>) -> Pack {
    let manifest = format!(
        "format = 1\nid = \"nw.clf\"\nversion = \"{version}\"\ntitle = \"Leading a ward\"\npublisher = \"North West CLF\"\n\
         licence = \"CC BY 4.0\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = [\"m\"]\n"
    );
    let module = "id = \"m\"\ntitle = \"M\"\nlessons = [\"a.md\"]\n";
    let lesson = format!(
        "+++\nid = \"a\"\ntitle = \"Rotas v{version}\"\nminutes = 10\n+++\nPlan the rota.\n"
    );
    let files = PackFiles::from_embedded(&[
        ("pack.toml", manifest.as_bytes()),
        ("m/module.toml", module.as_bytes()),
        ("m/a.md", lesson.as_bytes()),
    ]);
    let archive = files.to_archive_signed(key).expect("builds");
    parse_pack(&PackFiles::from_archive_bytes(&archive).expect("reads")).expect("parses")
}

fn key(name: &str) -> SecretKey {
    SecretKey::generate(name).expect("a key")
}

#[test]
fn the_preview_says_whether_the_signer_is_trusted() {
    let (_dir, store) = store();
    let scheme = key("North West CLF");
    let signed = pack("1.0.0", Some(&scheme));
    assert_eq!(
        store
            .preview_import(&pack("1.0.0", None))
            .expect("preview")
            .signature,
        SignatureStatus::NotSigned,
        "an unsigned pack says so"
    );
    assert_eq!(
        store.preview_import(&signed).expect("preview").signature,
        SignatureStatus::Unknown {
            claimed_name: "North West CLF".into(),
            fingerprint: scheme.public().fingerprint()
        },
        "a key the learner has not added is only a claimed name"
    );
    let added = store
        .add_trusted_publisher(&scheme.public().to_text(), now())
        .expect("added");
    assert_eq!(added.fingerprint, scheme.public().fingerprint());
    assert_eq!(
        store.preview_import(&signed).expect("preview").signature,
        SignatureStatus::Trusted {
            name: "North West CLF".into(),
            fingerprint: scheme.public().fingerprint()
        },
        "once added, the publisher is trusted"
    );
    store
        .remove_trusted_publisher(&added.public_key)
        .expect("removed");
    assert!(store.trusted_publishers().expect("list").is_empty());
    assert!(matches!(
        store.remove_trusted_publisher(&added.public_key),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_malformed_or_repeated_key_is_refused_and_nothing_is_stored() {
    let (_dir, store) = store();
    let scheme = key("North West CLF");
    let text = scheme.public().to_text();
    for bad in ["", "ssh-ed25519 AAAA me@host", &text[..text.len() - 20]] {
        let err = store
            .add_trusted_publisher(bad, now())
            .expect_err("refused");
        assert!(
            matches!(&err, StoreError::Fields(f) if f[0].field == KEY_FIELD),
            "{bad:?}: {err}"
        );
    }
    assert!(
        store.trusted_publishers().expect("list").is_empty(),
        "nothing stored"
    );
    store.add_trusted_publisher(&text, now()).expect("added");
    let again = store
        .add_trusted_publisher(&scheme.public().to_file(), now())
        .expect_err("refused");
    assert!(
        again
            .to_string()
            .contains("already trusted, as North West CLF"),
        "{again}"
    );
    assert_eq!(store.trusted_publishers().expect("list").len(), 1);
}

#[test]
fn an_update_signed_by_another_key_needs_confirmation() {
    let (_dir, store) = store();
    let scheme = key("North West CLF");
    let impostor = key("North West CLF");
    store
        .import_pack(&pack("1.0.0", Some(&scheme)), false, now())
        .expect("first install");

    let same = pack("1.1.0", Some(&scheme));
    assert_eq!(
        store.preview_import(&same).expect("preview").signer_change,
        None
    );

    let forged = pack("2.0.0", Some(&impostor));
    let change = store
        .preview_import(&forged)
        .expect("preview")
        .signer_change
        .expect("the change is shown before installing");
    assert_eq!(change.installed.fingerprint, scheme.public().fingerprint());
    assert_eq!(
        change.incoming.map(|s| s.fingerprint),
        Some(impostor.public().fingerprint())
    );
    let err = store
        .import_pack(&forged, false, now())
        .expect_err("refused");
    assert!(
        err.to_string().contains("Someone may be passing off"),
        "{err}"
    );
    let installed = store.installed_packs().expect("list");
    let ours = installed
        .iter()
        .find(|p| p.id == "nw.clf")
        .expect("installed");
    assert_eq!(ours.version, "1.0.0", "nothing was installed");

    let stripped = pack("2.0.0", None);
    let err = store
        .import_pack(&stripped, false, now())
        .expect_err("refused");
    assert!(err.to_string().contains("this file is not signed"), "{err}");

    let consent = ImportConsent {
        allow_downgrade: false,
        accept_new_signer: true,
    };
    store
        .import_pack_with(&forged, consent, now())
        .expect("confirmed");
    assert_eq!(
        store
            .preview_import(&pack("2.1.0", Some(&impostor)))
            .expect("preview")
            .signer_change,
        None,
        "once confirmed, the new key is the one remembered"
    );
}

#[test]
fn a_pack_first_installed_unsigned_may_become_signed() {
    let (_dir, store) = store();
    store
        .import_pack(&pack("1.0.0", None), false, now())
        .expect("unsigned install");
    store
        .import_pack(&pack("1.1.0", Some(&key("North West CLF"))), false, now())
        .expect("a signed update of an unsigned pack needs no confirmation");
}
