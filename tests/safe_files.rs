//! Files the program writes, tried as an attacker and an unlucky user would: an
//! export aimed at the register or at special files, a full disk, a reader while
//! someone else writes, a closed pipe, hostile text on a terminal, and a stale
//! write-ahead log beside a restored register. Each runs the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use ropa::Store;
use ropa::model::{ActivityFields, ServiceFields};

fn ropa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ropa")).args(args).output().unwrap()
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A demo register at `dir/register.ropa`, closed.
fn demo(dir: &Path) -> PathBuf {
    let db = dir.join("register.ropa");
    ropa::file_commands::create_register(&db, ropa::demo::populate).unwrap();
    db
}

// ---- Exports write only where they should. ----

#[test]
fn an_export_onto_the_register_itself_is_refused_and_the_register_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    for format in ["json", "ico-csv", "pdf", "full-csv", "flow-svg"] {
        let output = ropa(&["export", "--db", s(&db), "--format", format, "--out", s(&db)]);
        assert!(!output.status.success(), "{format}: {}", text(&output));
        let message = text(&output);
        assert!(message.contains("holds a database") && message.contains(s(&db)), "{format}: {message}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{format}: the register's bytes are unchanged");
    }
    let mut store = Store::open(&db).unwrap();
    assert!(!store.load_register().unwrap().activities.is_empty());
}

#[test]
fn every_file_command_refuses_a_database_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let other = dir.path().join("backup.ropa");
    std::fs::copy(&db, &other).unwrap();
    let before = std::fs::read(&other).unwrap();
    let attempts: [&[&str]; 4] = [
        &["export", "--db", s(&db), "--format", "links-csv", "--out", s(&other)],
        &["flows", "--db", s(&db), "--out", s(&other)],
        &[
            "notice",
            "--db",
            s(&db),
            "--service",
            "Early Help",
            "--format",
            "md",
            "--override",
            "--out",
            s(&other),
        ],
        &["flows", "--db", s(&db), "--out", s(&db)],
    ];
    for args in attempts {
        let output = ropa(args);
        assert!(!output.status.success(), "{args:?}");
        assert!(text(&output).contains("holds a database"), "{args:?}: {}", text(&output));
    }
    assert_eq!(std::fs::read(&other).unwrap(), before, "the other database is untouched");
}

#[test]
fn an_export_onto_the_registers_journal_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let wal = dir.path().join("register.ropa-wal");
    let output = ropa(&["export", "--db", s(&db), "--format", "json", "--out", s(&wal)]);
    assert!(!output.status.success());
    assert!(text(&output).contains("journal of a database"), "{}", text(&output));
    assert!(!wal.exists(), "nothing was written, and the register's own log was closed away");
}

#[cfg(unix)]
#[test]
fn exports_onto_a_folder_a_symlink_a_fifo_or_a_device_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    let aimed_at = dir.path().join("precious.txt");
    std::fs::write(&aimed_at, "precious").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&aimed_at, &link).unwrap();
    let fifo = dir.path().join("pipe.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut cases =
        vec![(folder.clone(), "is a folder"), (link.clone(), "symbolic link"), (fifo.clone(), "named pipe")];
    // A character device (the same as /dev/null) needs root; without it the case is skipped.
    let device = dir.path().join("device.csv");
    if Command::new("mknod").arg(&device).args(["c", "1", "3"]).status().is_ok_and(|s| s.success()) {
        cases.push((device.clone(), "device"));
    } else {
        eprintln!("skipped the device case: mknod needs root");
    }
    for (target, why) in &cases {
        let output = ropa(&["export", "--db", s(&db), "--format", "ico-csv", "--out", s(target)]);
        assert!(!output.status.success(), "{why}");
        let message = text(&output);
        assert!(message.contains(why) && message.contains(s(target)), "{why}: {message}");
    }
    assert!(folder.is_dir());
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read(&aimed_at).unwrap(), b"precious", "nothing was written through the link");
    use std::os::unix::fs::FileTypeExt as _;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe is still a pipe");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "no temporary file is left: {left:?}");
}

// ---- Full disk: a small file system of our own when the tests run as root. ----

/// A tmpfs of `kib` KiB mounted on a new folder, unmounted on drop; `None` (with the
/// reason printed) where mounting is not allowed.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(kib: u32) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status();
        if status.is_ok_and(|s| s.success()) {
            Some(Self { dir })
        } else {
            eprintln!("skipped: cannot mount a small tmpfs here (needs root and CAP_SYS_ADMIN)");
            None
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the disk up, leaving about `kib` KiB free.
    fn fill_leaving(&self, kib: usize) {
        let filler = self.path().join("filler");
        let _ = std::fs::remove_file(&filler);
        let free = free_kib(self.path());
        let size = free.saturating_sub(kib) * 1024;
        std::fs::write(&filler, vec![b'x'; size]).unwrap();
    }

    fn free_up(&self) {
        std::fs::remove_file(self.path().join("filler")).unwrap();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn free_kib(path: &Path) -> usize {
    let output = Command::new("df").args(["-k", "--output=avail"]).arg(path).output().unwrap();
    String::from_utf8_lossy(&output.stdout).lines().nth(1).unwrap().trim().parse().unwrap()
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_full_disk_keeps_the_earlier_notice_and_flow_map_whole() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let Some(disk) = SmallDisk::mount(2048) else { return };
    let notice = disk.path().join("notice.html");
    let map = disk.path().join("map.svg");
    let notice_args = ["notice", "--db", s(&db), "--service", "Early Help", "--format", "html", "--override"];
    let first = ropa(&[&notice_args[..], &["--out", s(&notice)]].concat());
    assert!(first.status.success(), "{}", text(&first));
    assert!(ropa(&["flows", "--db", s(&db), "--out", s(&map)]).status.success());
    let (notice_before, map_before) = (std::fs::read(&notice).unwrap(), std::fs::read(&map).unwrap());

    disk.fill_leaving(4);
    let full = ropa(&[&notice_args[..], &["--out", s(&notice)]].concat());
    assert!(!full.status.success(), "a notice larger than the space left cannot be written");
    assert!(text(&full).contains(s(disk.path())), "the message names the file: {}", text(&full));
    let full_map = ropa(&["flows", "--db", s(&db), "--out", s(&map)]);
    assert!(!full_map.status.success());
    assert_eq!(std::fs::read(&notice).unwrap(), notice_before, "the earlier notice is whole");
    assert_eq!(std::fs::read(&map).unwrap(), map_before, "the earlier map is whole");
    assert_eq!(file_names(disk.path()), ["filler", "map.svg", "notice.html"], "no partial file is left");
}

#[test]
fn a_full_disk_leaves_no_half_demo_register_and_a_retry_succeeds() {
    let Some(disk) = SmallDisk::mount(4096) else { return };
    let out = disk.path().join("demo.ropa");
    disk.fill_leaving(64);
    let full = ropa(&["demo", "--out", s(&out)]);
    assert!(!full.status.success(), "{}", text(&full));
    assert_eq!(file_names(disk.path()), ["filler"], "nothing is left that would block a retry");
    disk.free_up();
    let retry = ropa(&["demo", "--out", s(&out)]);
    assert!(retry.status.success(), "{}", text(&retry));
    assert!(!Store::open(&out).unwrap().load_register().unwrap().activities.is_empty());
    let generated = disk.path().join("generated.ropa");
    disk.fill_leaving(64);
    assert!(!ropa(&["generate", "--activities", "400", "--out", s(&generated)]).status.success());
    assert!(!generated.exists());
}

// ---- Readers never wait for writers. ----

#[test]
fn readers_work_while_another_process_holds_the_write_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE organisation SET controller_name = controller_name;")
        .unwrap();
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let readers: Vec<Vec<String>> = vec![
        vec![
            "export".into(),
            "--db".into(),
            s(&db).into(),
            "--format".into(),
            "json".into(),
            "--out".into(),
            out("r.json"),
        ],
        vec!["check".into(), "--db".into(), s(&db).into(), "--today".into(), "2026-11-22".into()],
        vec!["verify".into(), "--db".into(), s(&db).into()],
        vec!["flows".into(), "--db".into(), s(&db).into(), "--out".into(), out("r.svg")],
        vec![
            "notice".into(),
            "--db".into(),
            s(&db).into(),
            "--service".into(),
            "Early Help".into(),
            "--format".into(),
            "md".into(),
            "--override".into(),
        ],
    ];
    for args in readers {
        let output = Command::new(env!("CARGO_BIN_EXE_ropa")).args(&args).output().unwrap();
        let code = output.status.code();
        assert!(code == Some(0) || (args[0] == "check" && code == Some(1)), "{args:?}: {}", text(&output));
        assert!(!text(&output).contains("in use by someone else"), "{args:?}: {}", text(&output));
    }
    writer.execute_batch("COMMIT").unwrap();
    assert!(std::fs::metadata(out("r.json")).unwrap().len() > 0);
}

#[cfg(unix)]
#[test]
fn a_read_only_register_can_still_be_exported() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = dir.path().join("ico.csv");
    let output = ropa(&["export", "--db", s(&db), "--format", "ico-csv", "--out", s(&out)]);
    assert!(output.status.success(), "{}", text(&output));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

// ---- Pipes and terminals. ----

/// Runs `ropa args` with standard output closed before it writes anything.
fn with_stdout_closed(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ropa"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_check_and_verify_cleanly_with_their_usual_codes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let expected_check = ropa(&["check", "--db", s(&db), "--today", "2026-11-22"]).status.code();
    let (code, stderr) = with_stdout_closed(&["check", "--db", s(&db), "--today", "2026-11-22"]);
    assert_eq!(code, expected_check, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (code, stderr) = with_stdout_closed(&["verify", "--db", s(&db)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_closed_stdout_during_import_still_says_whether_the_import_was_committed() {
    let dir = tempfile::tempdir().unwrap();
    let source = demo(dir.path());
    let json = dir.path().join("register.json");
    assert!(ropa(&["export", "--db", s(&source), "--format", "json", "--out", s(&json)]).status.success());
    let target = dir.path().join("target.ropa");
    Store::create(&target).unwrap();

    let (code, stderr) =
        with_stdout_closed(&["import", "--db", s(&target), "--format", "json", "--dry-run", s(&json)]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        Store::open(&target).unwrap().load_register().unwrap().activities.is_empty(),
        "a dry run commits nothing"
    );

    let (code, stderr) = with_stdout_closed(&["import", "--db", s(&target), "--format", "json", s(&json)]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let imported = Store::open(&target).unwrap().load_register().unwrap().activities.len();
    assert_eq!(code, Some(0), "exit 0 means committed: {stderr}");
    assert!(imported > 0, "the import was committed, as exit 0 says");
}

#[test]
fn hostile_text_in_the_register_is_escaped_visibly_by_ropa_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("hostile.ropa");
    {
        let mut store = Store::create(&db).unwrap();
        let name = "Early Help \u{1b}[2J\u{1b}]0;owned\u{7}";
        let service =
            store.insert_service(&ServiceFields { name: name.into(), ..Default::default() }).unwrap();
        store
            .insert_activity(&ActivityFields::new(service, "In\rvoices\u{202E}fdp.exe\u{2066}\u{200F}"), &[])
            .unwrap();
    }
    let output = ropa(&["check", "--db", s(&db), "--today", "2026-11-22"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Early Help \\u{001B}[2J\\u{001B}]0;owned\\u{0007}"), "{stdout}");
    assert!(stdout.contains("In\\u{000D}voices\\u{202E}fdp.exe\\u{2066}\\u{200F}"), "{stdout}");
    for raw in ['\u{1b}', '\u{7}', '\u{202E}', '\u{2066}', '\u{200F}', '\r'] {
        assert!(!stdout.contains(raw), "{raw:?} reached the terminal raw");
    }
}

// ---- A stale write-ahead log beside a restored register. ----

#[test]
fn a_stale_wal_beside_a_restored_register_is_named_and_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let wal = dir.path().join("register.ropa-wal");
    std::fs::write(&wal, vec![0x37; 4096]).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options().write(true).open(&wal).unwrap().set_modified(hour_ago).unwrap();
    let before = std::fs::read(&db).unwrap();
    for args in [vec!["check", "--db", s(&db)], vec!["import", "--db", s(&db), "--format", "json", s(&wal)]] {
        let output = ropa(&args);
        assert!(!output.status.success(), "{args:?}");
        let message = text(&output);
        assert!(message.contains("leftover journal file") && message.contains(s(&wal)), "{message}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert_eq!(std::fs::read(&wal).unwrap(), vec![0x37; 4096], "the journal is kept for the user to decide");
    assert!(matches!(Store::open(&db), Err(ropa::Error::StaleWal { .. })));
    std::fs::remove_file(&wal).unwrap();
    assert!(Store::open(&db).is_ok(), "once moved away, the register opens");
}

// ---- The one atomic writer is the only writer. ----

/// The non-test lines of every source file under `src/`, with their file names.
fn source_lines() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut lines = Vec::new();
    for file in files {
        let name = file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().to_string_lossy().into_owned();
        if name.contains("test") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        // Test modules close each file by convention; what follows them is test code.
        for line in text.lines().take_while(|line| !line.starts_with("#[cfg(test)]")) {
            lines.push((name.clone(), line.to_owned()));
        }
    }
    lines
}

#[test]
fn no_file_is_written_outside_the_atomic_writer() {
    let writers = ["fs::write(", "File::create(", ".create(true)", ".append(true)"];
    let offenders: Vec<String> = source_lines()
        .into_iter()
        .filter(|(name, _)| !name.starts_with("src/fsio/"))
        // The audit pack writes a whole new folder atomically: its files go into a
        // fresh hidden folder that is renamed into place only when all are synced.
        .filter(|(name, _)| name != "src/export/audit_pack.rs")
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter(|(_, line)| writers.iter().any(|w| line.contains(w)))
        .map(|(name, line)| format!("{name}: {}", line.trim()))
        .collect();
    assert!(
        offenders.is_empty(),
        "write through ropa::fsio::write_atomically instead:\n{}",
        offenders.join("\n")
    );
}
