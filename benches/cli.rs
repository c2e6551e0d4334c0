//! The real release binary at 100,000 customers: writing the sample, `rapport list
//! --format csv`, `rapport export`, `rapport import` of a 50,000-row shop export,
//! `rapport reclassify` beside the sqlite3 shell's
//! aggregate pass over the same file, and the dashboard in a pseudo-terminal (time to the
//! first frames, bytes written per key, latency per key, peak memory).
//!
//! Each figure is the median of a few runs; the load average is printed with them,
//! because on a shared machine it decides how much they mean.

mod common;
#[path = "cli/pty.rs"]
mod pty;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Figures(Vec<(String, String)>);

impl Figures {
    fn add(&mut self, what: impl Into<String>, figure: impl Into<String>) {
        let (what, figure) = (what.into(), figure.into());
        eprintln!("  {what}: {figure}");
        self.0.push((what, figure));
    }
}

fn home() -> PathBuf {
    let home = common::data_dir().join("home");
    std::fs::create_dir_all(&home).expect("a home folder for the runs");
    home
}

/// The environment of every run: a home of its own and the benchmark's day.
fn run_env() -> Vec<(String, String)> {
    let h = home().display().to_string();
    vec![
        ("HOME".to_string(), h.clone()),
        ("XDG_DATA_HOME".to_string(), format!("{h}/data")),
        ("XDG_CONFIG_HOME".to_string(), format!("{h}/config")),
        ("RAPPORT_TODAY".to_string(), common::TODAY.to_string()),
    ]
}

fn rapport(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rapport"));
    cmd.arg("--db").arg(db).args(args).envs(run_env());
    cmd
}

/// Runs a command to the end, reading its output; the time it took and what it printed.
fn timed(mut cmd: Command) -> (Duration, String) {
    let started = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("start the command");
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_string(&mut out).expect("read the output");
    }
    let status = child.wait().expect("wait for the command");
    let took = started.elapsed();
    assert!(status.success(), "{cmd:?} failed: {status}");
    (took, out)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn per_second(rows: u64, d: Duration) -> String {
    format!("{:.0} rows/s ({rows} rows in {})", rows as f64 / d.as_secs_f64(), ms(d))
}

fn sample(figures: &mut Figures) {
    let db = common::data_dir().join("scratch-demo.db");
    common::remove_database(&db);
    let n = common::customers().to_string();
    let (took, out) = timed(rapport(&db, &["demo", "--customers", &n, "--seed", "1"]));
    figures.add(format!("rapport demo --customers {n} --seed 1 (wall)"), format!("{:.1} s", took.as_secs_f64()));
    eprintln!("    {}", out.trim());
    common::remove_database(&db);
}

fn list_csv(db: &Path, figures: &mut Figures) {
    let mut runs = Vec::new();
    let mut rows = 0;
    for _ in 0..5 {
        let (took, out) = timed(rapport(db, &["list", "--format", "csv"]));
        rows = out.lines().count().saturating_sub(1) as u64;
        runs.push(took);
    }
    figures.add("rapport list --format csv", per_second(rows, median(runs)));
}

fn export(db: &Path, format: &str, figures: &mut Figures) {
    let mut runs = Vec::new();
    let mut rows = 0;
    for run in 0..3 {
        let out = common::data_dir().join(format!("scratch-export-{run}.{format}"));
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(&out);
        let (took, said) = timed(rapport(db, &["export", "--out", &out.display().to_string(), "--format", format]));
        // "Exported 100000 customers, 2090563 interactions, … to PATH."
        let counts = said.split(" to ").next().unwrap_or_default();
        rows = counts.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u64>().ok()).sum();
        runs.push(took);
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_file(&out);
    }
    figures.add(format!("rapport export --format {format}"), per_second(rows, median(runs)));
}

/// A Shopify customer export (the 2023 layout of tests/fixtures/foreign/) of `rows`
/// invented customers, the same every time.
fn shop_export(rows: u64) -> PathBuf {
    use std::fmt::Write as _;
    let path = common::data_dir().join(format!("shop-{rows}.csv"));
    let mut text = String::from(
        "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,\
         Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,\
         Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,\
         Total Spent,Total Orders,Note,Tax Exempt,Tags\n",
    );
    let (first, last) =
        (["Ada", "Zoë", "Łukasz", "José", "Priya"], ["Lovelace", "Ünal", "Wiśniewski", "Núñez", "Raman"]);
    for i in 0..rows {
        let (f, l) = (first[(i % 5) as usize], last[(i / 5 % 5) as usize]);
        let _ = writeln!(
            text,
            "'{},{f},{l},c{i}@example.com,yes,Company {},{i} Main St,,City,ST,US,'0{:04},'+1555{i:07},'+1555{i:07},no,\
             {}.{:02},{},\"Note {i}, with a comma\",no,\"vip, wholesale, t{}\"",
            6_800_000_000_000 + i,
            i % 977,
            i % 9999,
            i * 37 % 5000,
            i % 100,
            i % 40,
            i % 13
        );
    }
    std::fs::write(&path, text).expect("write the shop export");
    path
}

/// `rapport import` of a 50,000-row shop export into a new database, then again into the
/// same one (every row matched and compared).
fn shop_import(figures: &mut Figures) {
    let rows = 50_000;
    let file = shop_export(rows);
    let file_arg = file.display().to_string();
    let (mut fresh, mut again) = (Vec::new(), Vec::new());
    for run in 0..3 {
        let db = common::data_dir().join(format!("scratch-import-{run}.db"));
        common::remove_database(&db);
        fresh.push(timed(rapport(&db, &["import", &file_arg])).0);
        again.push(timed(rapport(&db, &["import", &file_arg])).0);
        common::remove_database(&db);
    }
    figures.add("rapport import of a 50,000-row Shopify export, new database", per_second(rows, median(fresh)));
    figures.add("the same export imported again (all rows matched)", per_second(rows, median(again)));
    let _ = std::fs::remove_file(&file);
}

fn reclassify(db: &Path, figures: &mut Figures) {
    let has_shell = Command::new("sqlite3").arg("-version").output().is_ok_and(|o| o.status.success());
    let (mut ours, mut shell) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        ours.push(timed(rapport(db, &["reclassify"])).0);
        if has_shell {
            let mut cmd = Command::new("sqlite3");
            cmd.arg("-readonly").arg(db).arg(common::GROUP_BY);
            shell.push(timed(cmd).0);
        }
    }
    let ours = median(ours);
    figures.add("rapport reclassify (everyone, table to a pipe)", ms(ours));
    if has_shell {
        let shell = median(shell);
        figures.add("sqlite3 shell: one GROUP BY pass over interactions", ms(shell));
        figures.add("reclassify ÷ GROUP BY", format!("{:.2}×", ours.as_secs_f64() / shell.as_secs_f64()));
    } else {
        figures.add("sqlite3 shell", "not installed; see the store benchmark's rusqlite GROUP BY");
    }
}

fn peak_memory_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn dashboard(db: &Path, figures: &mut Figures) {
    let mut env = run_env();
    env.push(("TERM".to_string(), "xterm-256color".to_string()));
    env.push(("LANG".to_string(), "C.UTF-8".to_string()));
    let limit = Duration::from_secs(30);
    let db_arg = db.display().to_string();
    let mut s = pty::Session::spawn(&["--db", &db_arg], &env, 120, 40);
    let first = s.wait_for("Needs attention", limit);
    s.settle(Duration::from_millis(300));
    s.send("2");
    s.wait_for("Flags", limit);
    s.settle(Duration::from_millis(300));
    figures.add("dashboard in a pty: start to first Dashboard frame", ms(first));

    let mut bytes = Vec::new();
    let mut latency = Vec::new();
    for i in 0..40 {
        let (written, took) = s.press(if i % 2 == 0 { "j" } else { "k" }, Duration::from_millis(120));
        bytes.push(written);
        latency.extend(took);
    }
    bytes.sort();
    figures.add(
        "bytes written per j/k at 120×40",
        format!("median {} (min {}, max {})", bytes[bytes.len() / 2], bytes[0], bytes[bytes.len() - 1]),
    );
    if !latency.is_empty() {
        figures.add("j/k: key to last byte on the terminal (median)", ms(median(latency)));
    }

    // Look around as a person would: pages, a group, a search, back.
    for keys in ["\x1b[6~", "\x1b[6~", "\x1b[5~", "G", "g", "\x1b[Z", "j", "j", "k", "\t", "/", "m", "a", "r", "g"] {
        s.press(keys, Duration::from_millis(150));
    }
    s.press("\x1b", Duration::from_millis(150));
    if let Some(kib) = s.child.process_id().and_then(peak_memory_kib) {
        figures.add(
            "dashboard peak memory (VmHWM) after moving around and a search",
            format!("{:.1} MB", kib as f64 / 1024.0),
        );
    }
    s.send("q");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if let Ok(Some(_)) = s.child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    let db = common::database();
    eprintln!("machine: {} cores; load average before: {}", num_cores(), common::load_average());
    let mut figures = Figures(Vec::new());
    if std::env::var_os("RAPPORT_BENCH_SKIP_DEMO").is_none() {
        sample(&mut figures);
    }
    list_csv(&db, &mut figures);
    export(&db, "csv", &mut figures);
    export(&db, "json", &mut figures);
    shop_import(&mut figures);
    reclassify(&db, &mut figures);
    dashboard(&db, &mut figures);
    eprintln!("load average after: {}", common::load_average());
    println!("\n| measurement | figure |\n|---|---|");
    for (what, figure) in &figures.0 {
        println!("| {what} | {figure} |");
    }
}

fn num_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
