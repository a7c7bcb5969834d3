//! The `w2b key` commands (new, show), and reading a private key with its passphrase for the
//! commands that sign.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use w2b_core::signing::{PublicKey, SecretKey};

/// The `.pub` file written beside a private key file: `scheme.key` gives `scheme.pub`.
pub fn public_path(private: &Path) -> PathBuf {
    private.with_extension("pub")
}

/// A passphrase from `--passphrase-file` (its first line) or, without one, typed on the
/// terminal without echo. `confirm` asks twice, for a new key.
fn passphrase(file: Option<&Path>, prompt: &str, confirm: bool) -> Result<String, String> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("{}: cannot be read: {e}", file.display()))?;
        return Ok(text.lines().next().unwrap_or_default().to_owned());
    }
    let no_terminal = |e: std::io::Error| {
        format!("cannot ask for the passphrase ({e}): run this in a terminal, or give --passphrase-file")
    };
    let first = rpassword::prompt_password(prompt).map_err(no_terminal)?;
    if confirm {
        let again = rpassword::prompt_password("Type it again: ").map_err(no_terminal)?;
        if again != first {
            return Err("the two passphrases differ: nothing was written; try again".into());
        }
    }
    Ok(first)
}

/// Opens a private key file for signing, asking for its passphrase.
pub fn open_secret(path: &Path, passphrase_file: Option<&Path>) -> Result<SecretKey, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
    let public =
        SecretKey::public_of_file(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    let prompt = format!(
        "Passphrase for {} ({}): ",
        public.name,
        public.fingerprint()
    );
    let passphrase = passphrase(passphrase_file, &prompt, false)?;
    SecretKey::open(&bytes, &passphrase).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn new(name: &str, output: &Path, passphrase_file: Option<&Path>) -> ExitCode {
    let public_file = public_path(output);
    for path in [output, public_file.as_path()] {
        if path.exists() {
            eprintln!(
                "{}: already exists, and a key is never overwritten (losing it would lock \
                 learners out of your updates). Choose another name, or move the old key away first.",
                path.display()
            );
            return ExitCode::from(2);
        }
    }
    let key = match SecretKey::generate(name) {
        Ok(key) => key,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let sealed = passphrase(
        passphrase_file,
        &format!("Passphrase to protect the key of {name}: "),
        true,
    )
    .and_then(|p| key.seal(&p).map_err(|e| e.to_string()));
    let sealed = match sealed {
        Ok(sealed) => sealed,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let public = key.public();
    if let Err(e) = write_private(output, sealed.as_bytes())
        .and_then(|()| w2b_core::atomic::write(&public_file, public.to_file().as_bytes()))
    {
        eprintln!("the key could not be written: {e}");
        return ExitCode::from(2);
    }
    say!("Made a key for {name}");
    say!("Fingerprint {}", public.fingerprint());
    say!(
        "Private key: {} (keep it, and its passphrase, safe; never send it)",
        output.display()
    );
    say!(
        "Public key:  {} (send this to learners; or the line below)",
        public_file.display()
    );
    say!("{}", public.to_text());
    ExitCode::SUCCESS
}

/// Writes the private key file readable by its owner only, where the system has owners.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    w2b_core::atomic::write(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// Shows a key file's name and fingerprint: a private key (without its passphrase) or a
/// public one.
pub fn show(path: &Path) -> ExitCode {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}: cannot be read: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let (kind, key) = match SecretKey::public_of_file(&bytes) {
        Ok(key) => ("private key", key),
        Err(secret_error) => match std::str::from_utf8(&bytes)
            .map_err(|_| ())
            .and_then(|text| PublicKey::parse(text).map_err(|_| ()))
        {
            Ok(key) => ("public key", key),
            Err(()) => {
                eprintln!(
                    "{}: neither a private nor a public Ward to Board key ({secret_error})",
                    path.display()
                );
                return ExitCode::from(1);
            }
        },
    };
    say!("{}: {kind}", path.display());
    say!("Name        {}", key.name);
    say!("Fingerprint {}", key.fingerprint());
    say!("Public key  {}", key.to_text());
    ExitCode::SUCCESS
}
