//! Drives the real, built Ward to Board app through tauri-driver (which starts
//! WebKitWebDriver), as `../shared/tauri-notes.md` describes. Each [`App`] gets its own
//! driver ports and, unless told otherwise, its own fresh data and XDG folders.
//!
//! Needs: `W2B_APP_BINARY` (absolute path to a `tauri build --debug --no-bundle` binary),
//! `tauri-driver` and `WebKitWebDriver` on PATH, and a display (run under `xvfb-run`).
//! `make e2e` sets all of this up.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::InputSource;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

pub type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

/// The instant every app under test starts at (a debug build honours `W2B_FIXED_NOW`), so what
/// the tests see does not depend on the day they run: a Friday evening in December.
pub const NOW: &str = "2026-12-04T21:30:00Z";
/// The learner's time zone in every test: "today" is 4 December 2026 there at [`NOW`].
pub const TIME_ZONE: &str = "Europe/London";

/// How long to wait for the app to show something before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// How long WebKitWebDriver gets to end the app after its session is deleted.
const QUIT_GRACE: Duration = Duration::from_secs(10);

/// The folder screenshots go to: `W2B_SCREENSHOT_DIR`, or `target/e2e-screenshots`.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("W2B_SCREENSHOT_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots"),
        PathBuf::from,
    )
}

fn app_binary() -> PathBuf {
    let path = std::env::var_os("W2B_APP_BINARY").map(PathBuf::from).unwrap_or_else(|| {
        panic!("W2B_APP_BINARY is not set: run the end-to-end tests with `make e2e`, which builds the app first")
    });
    assert!(
        path.is_absolute(),
        "W2B_APP_BINARY must be absolute (tauri-driver drops relative paths)"
    );
    assert!(
        path.is_file(),
        "W2B_APP_BINARY {} does not exist: build the app first",
        path.display()
    );
    path
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A running app under its own tauri-driver, with a data folder that outlives restarts.
#[derive(Debug)]
pub struct App {
    pub client: Client,
    driver: Child,
    home: tempfile::TempDir,
    data_dir: PathBuf,
    /// The app binary this session started.
    binary: PathBuf,
}

impl App {
    /// Starts the app on a fresh, empty data folder.
    pub async fn launch() -> Result<Self> {
        let home = tempfile::tempdir()?;
        let data_dir = home.path().join("data");
        Self::start(home, data_dir, &[], NOW).await
    }

    /// Starts the app on a fresh data folder with its clock at `now` instead of [`NOW`].
    pub async fn launch_at(now: &str) -> Result<Self> {
        let home = tempfile::tempdir()?;
        let data_dir = home.path().join("data");
        Self::start(home, data_dir, &[], now).await
    }

    /// Starts the app on an existing data folder (its own `home` keeps XDG folders apart).
    pub async fn launch_on(data_dir: &Path) -> Result<Self> {
        Self::start(tempfile::tempdir()?, data_dir.to_path_buf(), &[], NOW).await
    }

    /// Starts the app on an existing data folder with extra command-line arguments.
    pub async fn launch_with(data_dir: &Path, args: &[&str]) -> Result<Self> {
        Self::start(tempfile::tempdir()?, data_dir.to_path_buf(), args, NOW).await
    }

    /// Starts another build of the app (an installed package's binary) on `data_dir`, with
    /// extra arguments. A release build ignores the fixed clock, so such tests must not
    /// depend on the date.
    pub async fn launch_binary(binary: &Path, data_dir: &Path, args: &[&str]) -> Result<Self> {
        let home = tempfile::tempdir()?;
        Self::start_binary(binary, home, data_dir.to_path_buf(), args, NOW).await
    }

    async fn start(
        home: tempfile::TempDir,
        data_dir: PathBuf,
        extra: &[&str],
        now: &str,
    ) -> Result<Self> {
        Self::start_binary(&app_binary(), home, data_dir, extra, now).await
    }

    async fn start_binary(
        binary: &Path,
        home: tempfile::TempDir,
        data_dir: PathBuf,
        extra: &[&str],
        now: &str,
    ) -> Result<Self> {
        let (port, native_port) = (free_port()?, free_port()?);
        let driver =
            Command::new(std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into()))
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .env("XDG_DATA_HOME", home.path().join("share"))
                .env("XDG_CACHE_HOME", home.path().join("cache"))
                .env_remove("W2B_DATA_DIR")
                .env("W2B_FIXED_NOW", now)
                .env("W2B_TIME_ZONE", TIME_ZONE)
                .stdout(Stdio::null())
                .spawn()
                .map_err(|e| {
                    format!("cannot start tauri-driver (install it with `make test-deps`): {e}")
                })?;

        let mut args = vec!["--data-dir".to_owned(), data_dir.display().to_string()];
        args.extend(extra.iter().map(ToString::to_string));
        let mut caps = Map::new();
        caps.insert("browserName".into(), json!("wry"));
        caps.insert(
            "tauri:options".into(),
            json!({ "application": binary, "args": args }),
        );
        // tauri-driver accepts connections before WebKitWebDriver is ready: retry.
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::native()
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < PATIENCE => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => {
                    return Err(format!("no WebDriver session after {PATIENCE:?}: {e}").into())
                }
            }
        };
        Ok(Self {
            client,
            driver,
            home,
            data_dir,
            binary: binary.to_path_buf(),
        })
    }

    /// The private home the app runs in (its XDG folders), for a second launch that must
    /// look like the same person's.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The CSS-selected element, once it appears.
    pub async fn find(&self, css: &str) -> Result<Element> {
        Ok(self
            .client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await?)
    }

    pub async fn find_all(&self, css: &str) -> Result<Vec<Element>> {
        self.find(css).await?;
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    /// Waits until `css` matches exactly `count` elements (0 included).
    pub async fn wait_for_count(&self, css: &str, count: usize) -> Result<()> {
        let started = Instant::now();
        loop {
            // Counted in the page rather than through element handles, which go stale (and
            // fail the call) when the page re-renders the list while it is being counted.
            let found = self
                .client
                .execute(
                    "return document.querySelectorAll(arguments[0]).length;",
                    vec![json!(css)],
                )
                .await?
                .as_u64()
                .unwrap_or(0) as usize;
            if found == count {
                return Ok(());
            }
            if started.elapsed() > PATIENCE {
                return Err(format!(
                    "expected {count} of `{css}`, still {found} after {PATIENCE:?}"
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element `css` shows exactly `expected` (after trimming).
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<()> {
        let started = Instant::now();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await {
                if element
                    .text()
                    .await
                    .map(|t| t.trim() == expected)
                    .unwrap_or(false)
                {
                    return Ok(());
                }
            }
            if started.elapsed() > PATIENCE {
                return Err(
                    format!("`{css}` did not show {expected:?} within {PATIENCE:?}").into(),
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a PNG of the window after letting the paint catch up with the DOM.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await?)?;
        println!("screenshot: {}", path.display());
        Ok(path)
    }

    /// Ends the session (which closes the app) and stops the driver with SIGTERM, so
    /// WebKitWebDriver releases its port. Returns the home folder, which holds the data.
    pub async fn quit(mut self) -> Result<tempfile::TempDir> {
        let closed = self.client.clone().close().await;
        // WebKitWebDriver ends the app after the session is deleted, a moment after it has
        // answered: give it that moment before stopping the driver, or the app can be left
        // running on its own.
        let ended = self.wait_for_exit_within(QUIT_GRACE).await?;
        self.stop_driver();
        closed?;
        // The app holds its data folder's lock until it has exited: a test that starts it
        // again on the same folder must not race the old process. One the driver left behind
        // is asked to stop as the system would at shutdown (SIGTERM; its data is committed).
        if !ended {
            for pid in self.app_pids()? {
                let _ = Command::new("kill")
                    .args(["-TERM", &pid.to_string()])
                    .status();
            }
            self.wait_for_exit("after its WebDriver session ended")
                .await?;
        }
        Ok(self.home)
    }
}

impl App {
    /// Opens an in-app address (`#/...`), as following a link would.
    pub async fn go(&self, hash: &str) -> Result<()> {
        self.client
            .execute("location.hash = arguments[0]; return 1;", vec![json!(hash)])
            .await?;
        Ok(())
    }

    /// Scrolls the window so `css` is at the top, for a screenshot of that part of the page.
    pub async fn show_at_top(&self, css: &str) -> Result<()> {
        self.find(css).await?;
        self.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({ block: 'start' }); return 1;",
                vec![json!(css)],
            )
            .await?;
        Ok(())
    }

    /// The element, once it appears, scrolled to the middle of the window: WebDriver would
    /// otherwise scroll it to the bottom edge, under a sticky bar, and a click would land there.
    pub async fn on_screen(&self, css: &str) -> Result<Element> {
        let element = self.find(css).await?;
        self.client
            .execute(
                "arguments[0].scrollIntoView({ block: 'center' }); return 1;",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        Ok(element)
    }

    /// Clicks `css`, finding it afresh if the page re-rendered it between finding and clicking
    /// (a stale element), as a person's click would simply land on the new one.
    pub async fn click(&self, css: &str) -> Result<()> {
        retrying(&format!("click `{css}`"), || async {
            self.on_screen(css).await?.click().await?;
            Ok(())
        })
        .await
    }

    /// Replaces the text in the field `css` with `value`, typed as keys.
    pub async fn fill(&self, css: &str, value: &str) -> Result<()> {
        retrying(&format!("type into `{css}`"), || async {
            let field = self.on_screen(css).await?;
            field.clear().await?;
            field.send_keys(value).await?;
            Ok(())
        })
        .await
    }

    /// Types a date into the Day, Month and Year boxes of the date field `id`, as a person would.
    pub async fn fill_date(&self, id: &str, day: &str, month: &str, year: &str) -> Result<()> {
        for (part, value) in [("day", day), ("month", month), ("year", year)] {
            self.fill(&format!("#{id}-{part}"), value).await?;
        }
        Ok(())
    }

    /// Fails on any serious or critical WCAG 2.1 A/AA finding on the screen as it is now.
    pub async fn assert_accessible(&self, screen: &str) -> Result<()> {
        let violations = self.serious_accessibility_violations().await?;
        assert!(
            violations.is_empty(),
            "{screen} has serious accessibility problems:\n{}",
            violations.join("\n")
        );
        Ok(())
    }
}

/// Runs `attempt` until it succeeds, for up to `PATIENCE`: an element the page re-renders
/// mid-action fails once and is found afresh on the next try.
async fn retrying<F, Fut>(what: &str, mut attempt: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let started = Instant::now();
    loop {
        match attempt().await {
            Ok(()) => return Ok(()),
            Err(_) if started.elapsed() < PATIENCE => {
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => return Err(format!("could not {what}: {e}").into()),
        }
    }
}

impl App {
    /// The app processes started for this data folder (normally one).
    fn app_pids(&self) -> Result<Vec<u32>> {
        let marker = self.data_dir.display().to_string();
        let binary = &self.binary;
        let mut pids = Vec::new();
        for entry in std::fs::read_dir("/proc")? {
            let entry = entry?;
            let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                continue;
            };
            let args: Vec<String> = cmdline
                .split(|b| *b == 0)
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect();
            let is_app = args
                .first()
                .is_some_and(|a| Path::new(a) == binary.as_path());
            if is_app && args.contains(&marker) {
                pids.push(pid);
            }
        }
        Ok(pids)
    }

    fn stop_driver(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let _ = self.driver.wait();
    }

    /// Kills the app process with SIGKILL, as a crash or power cut would, then stops the
    /// driver. Nothing in the app gets a chance to tidy up. Returns the home folder.
    pub async fn kill_app(mut self) -> Result<tempfile::TempDir> {
        let pids = self.app_pids()?;
        if pids.len() != 1 {
            return Err(format!("expected one app process, found {pids:?}").into());
        }
        for pid in pids {
            Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()?;
        }
        self.wait_for_exit("after SIGKILL").await?;
        self.stop_driver();
        Ok(self.home)
    }

    /// Closes the window as the learner would, with the window manager's close request
    /// (`tools/close_window.py` sends WM_DELETE_WINDOW; WebDriver's own "close window" would
    /// skip the app's close handling). Waits for the app to exit by itself, then stops the
    /// driver. Returns the home folder.
    pub async fn close_window(mut self) -> Result<tempfile::TempDir> {
        let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/close_window.py");
        let status = Command::new("python3")
            .arg(tool)
            .arg("Ward to Board")
            .status()?;
        if !status.success() {
            return Err(format!("could not ask the window to close ({status})").into());
        }
        self.wait_for_exit("after its window was closed").await?;
        self.stop_driver();
        Ok(self.home)
    }

    /// Whether an app is still on this data folder: a process started on it, or its lock
    /// still held. A process that is exiting stops showing its command line before the
    /// system has closed its files, so the lock is what says the next app can start.
    fn app_still_running(&self) -> Result<bool> {
        if !self.app_pids()?.is_empty() {
            return Ok(true);
        }
        let lock = self.data_dir.join("ward-to-board.lock");
        let file = match std::fs::OpenOptions::new().write(true).open(&lock) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(e.into()),
        };
        match file.try_lock() {
            Ok(()) => Ok(false),
            Err(std::fs::TryLockError::WouldBlock) => Ok(true),
            Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// Waits up to `limit` for no app to be left on this data folder; says whether that
    /// happened.
    async fn wait_for_exit_within(&self, limit: Duration) -> Result<bool> {
        let started = Instant::now();
        while self.app_still_running()? {
            if started.elapsed() > limit {
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(true)
    }

    /// Waits until no app is left on this data folder (see `app_still_running`).
    async fn wait_for_exit(&self, when: &str) -> Result<()> {
        let started = Instant::now();
        while self.app_still_running()? {
            if started.elapsed() > PATIENCE {
                return Err(format!("the app did not exit {when}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Runs axe-core (from the UI's node_modules) on the page as it is now, checking WCAG 2.1
    /// A and AA rules, and returns the violations rated serious or critical, each as
    /// "rule (impact): help [nodes]".
    pub async fn serious_accessibility_violations(&self) -> Result<Vec<String>> {
        let axe =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).map_err(|e| {
            format!(
                "cannot read {} (run `npm ci --prefix ui`): {e}",
                axe.display()
            )
        })?;
        self.client
            .execute(
                &format!("{source}\n;window.axe = axe; return true;"),
                vec![],
            )
            .await?;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe
                   .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                   .then((r) => done(r.violations.map((v) => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' -> ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))))
                   .catch((e) => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));",
                vec![],
            )
            .await?;
        let violations = result.as_array().cloned().unwrap_or_default();
        Ok(violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| {
                format!(
                    "{} ({}): {} {}",
                    v["id"], v["impact"], v["help"], v["nodes"]
                )
            })
            .collect())
    }

    /// Opens a lesson by its in-app address and waits until the reader shows it. Returns the
    /// lesson's title.
    pub async fn open_lesson(&self, pack_id: &str, lesson_id: &str) -> Result<String> {
        self.client
            .execute(
                "location.hash = '#/lesson/' + encodeURIComponent(arguments[0]) + '/' + encodeURIComponent(arguments[1]); return 1;",
                vec![json!(pack_id), json!(lesson_id)],
            )
            .await?;
        let css = format!("article[data-lesson-id=\"{lesson_id}\"] h1#lesson-title");
        text(&self.find(&css).await?).await
    }

    /// The current value of a form field.
    pub async fn value(&self, css: &str) -> Result<String> {
        Ok(self
            .find(css)
            .await?
            .prop("value")
            .await?
            .unwrap_or_default())
    }

    /// Answers the next unanswered self-check question with its first option and waits for
    /// its feedback: `already` answers were on the page before.
    pub async fn answer_next_question(&self, already: usize) -> Result<()> {
        self.find("[data-testid=question] input")
            .await?
            .click()
            .await?;
        self.find("[data-testid=check-answer]")
            .await?
            .click()
            .await?;
        self.wait_for_count("[data-testid=feedback]", already + 1)
            .await
    }

    /// Presses a key on whatever has keyboard focus, as a person at the keyboard would.
    pub async fn press(&self, key: fantoccini::key::Key) -> Result<()> {
        let actions = fantoccini::actions::KeyActions::new("keyboard".into())
            .then(fantoccini::actions::KeyAction::Down { value: key.into() })
            .then(fantoccini::actions::KeyAction::Up { value: key.into() });
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Types text into whatever has keyboard focus.
    pub async fn type_text(&self, text: &str) -> Result<()> {
        let mut actions = fantoccini::actions::KeyActions::new("keyboard".into());
        for c in text.chars() {
            actions = actions
                .then(fantoccini::actions::KeyAction::Down { value: c })
                .then(fantoccini::actions::KeyAction::Up { value: c });
        }
        self.client.perform_actions(actions).await?;
        Ok(())
    }

    /// Presses Tab until the focused element matches `css` (using only the keyboard to move),
    /// giving up after `limit` presses.
    pub async fn tab_to(&self, css: &str, limit: usize) -> Result<()> {
        for _ in 0..limit {
            self.press(fantoccini::key::Key::Tab).await?;
            let hit = self
                .client
                .execute(
                    "return !!document.activeElement && document.activeElement.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await?;
            if hit == json!(true) {
                return Ok(());
            }
        }
        Err(format!("`{css}` was not reached with {limit} presses of Tab").into())
    }
}

/// The shared pack fixtures under `tests/fixtures/packs`.
pub fn pack_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/packs")
        .join(name)
}

/// The text of an element, trimmed.
pub async fn text(element: &Element) -> Result<String> {
    Ok(element.text().await?.trim().to_owned())
}

/// Runs a script in the page and returns its value.
pub async fn eval(app: &App, script: &str) -> Result<Value> {
    Ok(app.client.execute(script, vec![]).await?)
}
