//! The `w2b review` commands: an appraiser signs the review file they send back, and anyone
//! checks who signed one. The format and its checks live in `w2b_core::review`.

use std::path::Path;
use std::process::ExitCode;

use w2b_core::review::{read_review, sign_review, MAX_SIGNED_REVIEW_BYTES};

/// A review file's bytes, refused unread when it is larger than any review.
fn read(file: &Path) -> Result<Vec<u8>, ExitCode> {
    let too_large = std::fs::metadata(file).is_ok_and(|m| m.len() > MAX_SIGNED_REVIEW_BYTES as u64);
    if too_large {
        eprintln!(
            "{}: larger than any review file; check it is the file you meant",
            file.display()
        );
        return Err(ExitCode::from(1));
    }
    std::fs::read(file).map_err(|e| {
        eprintln!("{}: cannot be read: {e}", file.display());
        ExitCode::from(2)
    })
}

pub fn sign(
    file: &Path,
    key: &Path,
    passphrase_file: Option<&Path>,
    output: Option<&Path>,
) -> ExitCode {
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    // The review is checked before the passphrase is asked for.
    if let Err(e) = read_review(&bytes) {
        eprintln!("{}: not signed: {e}", file.display());
        return ExitCode::from(1);
    }
    let secret = match crate::key::open_secret(key, passphrase_file) {
        Ok(secret) => secret,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let signed = match sign_review(&bytes, &secret) {
        Ok(signed) => signed,
        Err(e) => {
            eprintln!("{}: not signed: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    let target = output.unwrap_or(file);
    if let Err(e) = w2b_core::atomic::write(target, &signed) {
        eprintln!("{}: cannot be written: {e}", target.display());
        return ExitCode::from(2);
    }
    let public = secret.public();
    say!(
        "Signed {} as {} (fingerprint {})",
        target.display(),
        public.name,
        public.fingerprint()
    );
    say!("Send the learner your public key too (w2b key show), so they can check it is yours.");
    ExitCode::SUCCESS
}

pub fn verify(file: &Path) -> ExitCode {
    let bytes = match read(file) {
        Ok(bytes) => bytes,
        Err(code) => return code,
    };
    match read_review(&bytes) {
        Ok(read) => {
            match &read.signer {
                Some(signer) => say!(
                    "Signed by {} (fingerprint {})",
                    crate::bundle::plain(signer.name()),
                    signer.fingerprint()
                ),
                None => say!("Not signed"),
            }
            let review = &read.review;
            say!(
                "Review by {} of bundle {} (manifest SHA-256 {})",
                crate::bundle::plain(&review.reviewer.name),
                review.bundle_id,
                review.manifest_sha256
            );
            if let Some(sign_off) = &review.sign_off {
                say!("Sign-off: {} ({})", sign_off.outcome.label(), sign_off.date);
            }
            say!("{} comment(s)", review.comments.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: refused: {e}", file.display());
            ExitCode::from(1)
        }
    }
}
