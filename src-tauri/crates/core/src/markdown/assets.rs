//! Where a pack's images are served: the one place that knows the address form each platform's
//! webview uses for the app's own `w2b-pack` protocol. WebKitGTK (Linux) and WKWebView (macOS)
//! load custom schemes as written, `w2b-pack://localhost/<pack>/<path>`; WebView2 (Windows)
//! only reaches them as `http://w2b-pack.localhost/<pack>/<path>`. The renderer writes the
//! form of the platform it runs on, the sanitiser keeps only that form, the CSP in
//! `tauri.conf.json` names both (one config serves every platform), and the protocol handler
//! reads only the URL's path, which is the same in both.

/// The URL scheme under which the app serves a pack's own images.
pub const ASSET_SCHEME: &str = "w2b-pack";

/// The two ways a webview addresses the app's asset protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetAddressing {
    /// `w2b-pack://localhost/...`: Linux and macOS.
    CustomScheme,
    /// `http://w2b-pack.localhost/...`: Windows (WebView2).
    WindowsHttp,
}

impl AssetAddressing {
    /// The form this build's webview uses.
    pub const NATIVE: Self = if cfg!(windows) {
        Self::WindowsHttp
    } else {
        Self::CustomScheme
    };

    /// Every form, for the CSP that must allow each.
    pub const ALL: [Self; 2] = [Self::CustomScheme, Self::WindowsHttp];

    /// The origin asset URLs start with, without the trailing slash.
    pub fn origin(self) -> &'static str {
        match self {
            Self::CustomScheme => "w2b-pack://localhost",
            Self::WindowsHttp => "http://w2b-pack.localhost",
        }
    }

    /// The CSP source that allows this form (`img-src ... <source>`).
    pub fn csp_source(self) -> &'static str {
        match self {
            Self::CustomScheme => "w2b-pack:",
            Self::WindowsHttp => "http://w2b-pack.localhost",
        }
    }

    /// The URL of `path` in pack `pack_id`, each path segment percent-encoded.
    pub fn url(self, pack_id: &str, path: &str) -> String {
        let encoded: Vec<String> = path
            .split('/')
            .map(|segment| {
                segment
                    .bytes()
                    .map(|b| match b {
                        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                            (b as char).to_string()
                        }
                        _ => format!("%{b:02X}"),
                    })
                    .collect()
            })
            .collect();
        format!("{}/{pack_id}/{}", self.origin(), encoded.join("/"))
    }

    /// Whether `url` is an asset URL in this form.
    pub fn is_asset_url(self, url: &str) -> bool {
        url.strip_prefix(self.origin())
            .is_some_and(|rest| rest.starts_with('/'))
    }
}

/// The address of a pack file served by the app, in this platform's form.
pub fn asset_url(pack_id: &str, path: &str) -> String {
    AssetAddressing::NATIVE.url(pack_id, path)
}

/// Whether `url` is an address of the app's asset protocol in this platform's form: the only
/// image source the sanitiser keeps.
pub fn is_asset_url(url: &str) -> bool {
    AssetAddressing::NATIVE.is_asset_url(url)
}

/// The pack id and file path an asset URL's path (`/pack/dir/file%201.png`) names, decoded.
/// `None` for anything [`asset_url`] could not have made.
pub fn parse_asset_path(url_path: &str) -> Option<(String, String)> {
    let (pack_id, rest) = url_path.strip_prefix('/')?.split_once('/')?;
    let mut bytes = Vec::with_capacity(rest.len());
    let mut input = rest.bytes();
    while let Some(b) = input.next() {
        if b == b'%' {
            let hex = [input.next()?, input.next()?];
            bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).ok()?, 16).ok()?);
        } else {
            bytes.push(b);
        }
    }
    let path = String::from_utf8(bytes).ok()?;
    let safe = !pack_id.is_empty()
        && !path.is_empty()
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..");
    safe.then(|| (pack_id.to_owned(), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_round_trip_through_the_path_the_handler_reads() {
        for form in AssetAddressing::ALL {
            let url = form.url("p.one", "m/images/chart 1 ü.png");
            assert!(form.is_asset_url(&url), "{url}");
            // What the protocol handler sees: the URL's path, whichever the origin.
            let path = url.strip_prefix(form.origin()).unwrap_or_default();
            assert_eq!(
                parse_asset_path(path),
                Some(("p.one".into(), "m/images/chart 1 ü.png".into())),
                "{url}"
            );
        }
        assert_eq!(
            AssetAddressing::WindowsHttp.url("p", "a b.png"),
            "http://w2b-pack.localhost/p/a%20b.png"
        );
        assert_eq!(
            AssetAddressing::CustomScheme.url("p", "a b.png"),
            "w2b-pack://localhost/p/a%20b.png"
        );
    }

    #[test]
    fn a_lookalike_origin_is_not_an_asset() {
        for form in AssetAddressing::ALL {
            let origin = form.origin();
            assert!(!form.is_asset_url(&format!("{origin}.evil.example/p/x.png")));
            assert!(!form.is_asset_url(origin), "no path");
        }
        assert!(!AssetAddressing::CustomScheme.is_asset_url("http://w2b-pack.localhost/p/x.png"));
        assert!(!AssetAddressing::WindowsHttp.is_asset_url("w2b-pack://localhost/p/x.png"));
    }

    #[test]
    fn this_build_writes_its_own_platforms_form() {
        let url = asset_url("p", "x.png");
        if cfg!(windows) {
            assert!(url.starts_with("http://w2b-pack.localhost/"), "{url}");
        } else {
            assert!(url.starts_with("w2b-pack://localhost/"), "{url}");
        }
        assert!(is_asset_url(&url));
    }
}
