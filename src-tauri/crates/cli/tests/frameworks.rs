//! Runs the real `w2b framework` commands against the shared framework fixtures and a real
//! data folder.

#![allow(clippy::expect_used)]

mod common;

use common::w2b;

fn fixture(name: &str) -> String {
    format!(
        "{}/../../../tests/fixtures/frameworks/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn check_reports_a_good_file_and_each_problem_of_a_bad_one_with_its_place() {
    let (code, stdout, stderr) = w2b(&["framework", "check", &fixture("ward-manager-1.toml")]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "nct-wm 1.0.0: 11 items in 3 levels, 7 to rate evidence against, no problems"
        ),
        "{stdout}"
    );
    let (code, _, stderr) = w2b(&[
        "framework",
        "check",
        &fixture("hostile/missing-parent.toml"),
    ]);
    assert_eq!(code, 1, "problems found");
    assert!(
        stderr.contains("missing-parent.toml:16:10: parent `bad.peeple` of `bad.people.appraisal` is not in the framework"),
        "{stderr}"
    );
    let (code, _, stderr) = w2b(&["framework", "check", &fixture("nowhere.toml")]);
    assert_eq!(code, 2, "no such file: {stderr}");
}

#[test]
fn install_then_upgrade_reports_every_change_and_refuses_going_back() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = data.path().to_str().expect("utf-8");
    let (code, stdout, stderr) = w2b(&[
        "framework",
        "install",
        &fixture("ward-manager-1.toml"),
        "--data-dir",
        dir,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Installed nct-wm 1.0.0: 7 behaviours to rate evidence against."),
        "{stdout}"
    );
    let (code, stdout, stderr) = w2b(&[
        "framework",
        "install",
        &fixture("ward-manager-2.toml"),
        "--data-dir",
        dir,
    ]);
    assert_eq!(code, 0, "{stderr}");
    for expected in [
        "Upgraded nct-wm from 1.0.0 to 2.0.0",
        "renamed: nct-wm.money.variance",
        "replaced: nct-wm.people.appraisal moved to nct-wm.people.growth",
        "removed: nct-wm.safe-staffing.rota.published",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in {stdout}");
    }
    let (code, _, stderr) = w2b(&[
        "framework",
        "install",
        &fixture("ward-manager-1.toml"),
        "--data-dir",
        dir,
    ]);
    assert_eq!(code, 1, "a downgrade is refused");
    assert!(stderr.contains("older version 1.0.0"), "{stderr}");
    assert!(stderr.contains("Nothing was installed"), "{stderr}");
    let (code, stdout, _) = w2b(&["framework", "list", "--data-dir", dir]);
    assert_eq!(code, 0);
    let listed: Vec<&str> = stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(listed, ["cmpf", "clcf", "hlm", "nct-wm"], "{stdout}");
    assert!(stdout.contains("nct-wm\t2.0.0"), "{stdout}");
}

#[test]
fn moodle_and_mahara_files_convert_to_framework_files_and_back() {
    let work = tempfile::tempdir().expect("temp dir");
    let out = |name: &str| work.path().join(name).to_str().expect("utf-8").to_owned();
    for (from, file) in [
        ("moodle-csv", "moodle/band7-ward-manager.csv"),
        ("mahara-matrix", "mahara/ward-manager-band7.matrix"),
    ] {
        let toml = out(&format!("{from}.toml"));
        let (code, stdout, stderr) = w2b(&[
            "framework",
            "import",
            "--from",
            from,
            &fixture(file),
            "-o",
            &toml,
        ]);
        assert_eq!(code, 0, "{from}: {stderr}");
        assert!(stdout.starts_with(&format!("Wrote {toml}: ")), "{stdout}");
        let (code, _, stderr) = w2b(&["framework", "check", &toml]);
        assert_eq!(
            code, 0,
            "the converted file is a valid framework file: {stderr}"
        );
        let back = out(&format!("{from}.back"));
        let (code, _, stderr) = w2b(&["framework", "export", "--to", from, &toml, "-o", &back]);
        assert_eq!(code, 0, "{stderr}");
        let again = out(&format!("{from}-again.toml"));
        let (code, _, stderr) = w2b(&["framework", "import", "--from", from, &back, "-o", &again]);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&again).expect("read"),
            std::fs::read_to_string(&toml).expect("read"),
            "{from}: import, export, import gives the same framework"
        );
    }
    let missing = out("never-written.toml");
    let (code, _, stderr) = w2b(&[
        "framework",
        "import",
        "--from",
        "moodle-csv",
        &fixture("moodle/parent-cycle.csv"),
        "-o",
        &missing,
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("parent-cycle.csv:"),
        "the file and line are named: {stderr}"
    );
    assert!(
        !std::path::Path::new(&missing).exists(),
        "nothing is written"
    );
}
