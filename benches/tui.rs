//! The dashboard at 100,000 customers, drawn into a 120×40 test backend: opening it up to
//! the first Customers frame, moving around, and searching as you type. Every measured
//! key includes the frame it causes.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, Criterion, measurement::WallTime};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::app::App;
use rapport::config::Config;
use rapport::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

type Screen = Terminal<TestBackend>;

fn screen() -> Screen {
    Terminal::new(TestBackend::new(120, 40)).expect("a test terminal")
}

/// Draws a frame as the dashboard does: the app laid out for the terminal's size first.
fn draw(terminal: &mut Screen, app: &mut App) {
    let size = terminal.size().expect("a size");
    app.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
    terminal.draw(|frame| frame.render_widget(&*app, frame.area())).expect("draw");
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Opens the database as the dashboard does and draws the first two frames.
fn open_and_draw(path: &std::path::Path, terminal: &mut Screen) -> App {
    let mut store = Store::open(path, common::context()).expect("open");
    store.ensure_current().expect("summaries current");
    let mut app = App::new(store, Config::default()).expect("app");
    draw(terminal, &mut app);
    key(&mut app, KeyCode::Char('2'));
    draw(terminal, &mut app);
    app
}

/// The Customers tab, opened and drawn, ready for keys.
fn customers_tab(path: &std::path::Path) -> (App, Screen) {
    let mut terminal = screen();
    let app = open_and_draw(path, &mut terminal);
    (app, terminal)
}

/// Times pressing `keys` in turn, each with its frame, over and over.
fn keys_with_frames(
    group: &mut BenchmarkGroup<'_, WallTime>,
    name: &str,
    app: &mut App,
    t: &mut Screen,
    keys: &[KeyCode],
) {
    let mut next = 0;
    group.bench_function(name, |b| {
        b.iter(|| {
            key(app, keys[next % keys.len()]);
            next += 1;
            draw(t, app);
        })
    });
}

fn opening(c: &mut Criterion) {
    let path = common::database();
    let mut group = c.benchmark_group("open");
    group.sample_size(20).measurement_time(Duration::from_secs(15));
    group.bench_function("store, app, Dashboard frame, Customers frame", |b| {
        b.iter(|| {
            let mut terminal = screen();
            black_box(open_and_draw(&path, &mut terminal));
        })
    });
    group.finish();
}

fn navigation(c: &mut Criterion) {
    let path = common::database();
    let (mut app, mut t) = customers_tab(&path);
    let mut group = c.benchmark_group("key with its frame");
    group.sample_size(50);
    // Down and up in turn, so that every key moves the selection and loads a detail.
    keys_with_frames(
        &mut group,
        "j/k: move the selection",
        &mut app,
        &mut t,
        &[KeyCode::Char('j'), KeyCode::Char('k')],
    );
    keys_with_frames(&mut group, "PgDn/PgUp: a page", &mut app, &mut t, &[KeyCode::PageDown, KeyCode::PageUp]);
    // In the groups pane: All → Transactional → All.
    key(&mut app, KeyCode::BackTab);
    draw(&mut t, &mut app);
    keys_with_frames(
        &mut group,
        "j/k in groups: switch group",
        &mut app,
        &mut t,
        &[KeyCode::Char('j'), KeyCode::Char('k')],
    );
    group.finish();
}

/// Each key of a word typed into search, timed with its frame after the keys before it:
/// the key as the dashboard answers it (its frame shows the first step of the search),
/// and the key until every candidate is scored and the final list drawn.
fn search(c: &mut Criterion) {
    let path = common::database();
    let (mut app, mut t) = customers_tab(&path);
    // The first '/' reads what search looks through; that is its own measurement.
    let started = Instant::now();
    key(&mut app, KeyCode::Char('/'));
    draw(&mut t, &mut app);
    eprintln!("first '/' (reads the search text of every customer): {:.1?}", started.elapsed());

    for (group_name, finish) in [("search key with its frame", false), ("search key until all matches are drawn", true)]
    {
        let mut group = c.benchmark_group(group_name);
        group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
        for word in ["marg", "hotel"] {
            for typed in 1..=word.len() {
                let (before, last) = (&word[..typed - 1], word[typed - 1..].chars().next().unwrap_or(' '));
                group.bench_function(format!("{before}[{last}]"), |b| {
                    b.iter_custom(|iters| {
                        let mut total = Duration::ZERO;
                        for _ in 0..iters {
                            key(&mut app, KeyCode::Esc);
                            key(&mut app, KeyCode::Char('/'));
                            for ch in before.chars() {
                                key(&mut app, KeyCode::Char(ch));
                            }
                            app.finish_work();
                            draw(&mut t, &mut app);
                            let started = Instant::now();
                            key(&mut app, KeyCode::Char(last));
                            if finish {
                                app.finish_work();
                            }
                            draw(&mut t, &mut app);
                            total += started.elapsed();
                        }
                        total
                    })
                });
            }
        }
        group.finish();
    }
    eprintln!("load average after the search benchmarks: {}", common::load_average());
}

fn main() {
    if !common::benchmarking() {
        return;
    }
    eprintln!("load average before: {}", common::load_average());
    let mut c = Criterion::default().configure_from_args();
    opening(&mut c);
    navigation(&mut c);
    search(&mut c);
    c.final_summary();
    eprintln!("load average after: {}", common::load_average());
}
