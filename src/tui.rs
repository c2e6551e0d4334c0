//! The terminal session: set up the screen, run the event loop, and put the terminal
//! back on every way out — quit, error, panic, SIGTERM, SIGHUP (an SSH drop) or SIGINT.

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;

use crate::app::App;

/// How often the loop wakes up to look for signals and for changes by other processes.
const POLL: Duration = Duration::from_millis(200);
const CHECK_OTHERS_EVERY: Duration = Duration::from_secs(1);
/// How long the loop may go without a turn, once the terminal is gone, before the
/// watchdog ends the process.
const STUCK_AFTER: Duration = Duration::from_millis(1200);

/// Replaces the panic message with one short sentence, without a backtrace.
pub fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "rapport stopped on an internal error ({}{place}). Everything saved before it is safe; please report this.",
            crate::text::inert(&what)
        );
    }));
}

/// Runs `app` on the terminal until it quits or the terminal goes away, and puts the
/// terminal back however it ends. The error says what could not be set up.
pub fn session(mut app: App) -> Result<(), String> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(|e| format!("cannot watch for signals: {e}"))?;
    }
    // Over a file-size limit (ulimit -f) a write must fail with a message, not kill the
    // dashboard and leave the terminal in raw mode.
    // SAFETY: setting a signal's disposition to "ignore" has no memory-safety conditions.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    let mut terminal = ratatui::try_init().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    // The mouse and paste modes must be switched off too when a panic unwinds.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    #[cfg(debug_assertions)]
    fail_on_request_in_tests();

    let heartbeat = Arc::new(Heartbeat { started: Instant::now(), last: AtomicU64::new(0) });
    watch_for_a_stuck_loop(Arc::clone(&stop), Arc::clone(&heartbeat));
    event_loop(&mut terminal, &mut app, &stop, &heartbeat);

    let _ = execute!(std::io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = std::panic::take_hook();
    install_panic_message();
    Ok(())
}

/// Lets the tests check what an internal error does to the terminal: debug builds stop
/// here when RAPPORT_TEST_PANIC is set. Release builds do not contain this code.
#[cfg(debug_assertions)]
fn fail_on_request_in_tests() {
    if std::env::var_os("RAPPORT_TEST_PANIC").is_some() {
        panic!("stopped on purpose because RAPPORT_TEST_PANIC is set");
    }
}

/// A last line of defence: should the loop ever be stuck inside the terminal library
/// while the terminal is gone or a stop signal has come, leave anyway. Every saved change
/// is already committed, so nothing is lost by leaving at once.
fn watch_for_a_stuck_loop(stop: Arc<AtomicBool>, heartbeat: Arc<Heartbeat>) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if heartbeat.silent_for() > STUCK_AFTER && (stop.load(Ordering::Relaxed) || terminal_hung_up()) {
                std::process::exit(0);
            }
        }
    });
}

/// When the event loop last took a turn, in milliseconds since it started.
struct Heartbeat {
    started: Instant,
    last: AtomicU64,
}

impl Heartbeat {
    fn beat(&self) {
        self.last.store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    fn silent_for(&self) -> Duration {
        let now = self.started.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last.load(Ordering::Relaxed)))
    }
}

fn terminal_hung_up() -> bool {
    matches!(poll_stdin(0), (ready, revents) if ready > 0 && revents & HUNG_UP != 0)
}

/// What poll() reports when the terminal is gone.
const HUNG_UP: libc::c_short = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;

/// poll() on the terminal for up to `millis`: its answer and the events it saw.
fn poll_stdin(millis: libc::c_int) -> (libc::c_int, libc::c_short) {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: `fd` is one valid pollfd that outlives the call, and the count says one.
    let ready = unsafe { libc::poll(&mut fd, 1, millis) };
    (ready, fd.revents)
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App, stop: &AtomicBool, heartbeat: &Heartbeat) {
    let mut last_check = Instant::now();
    let mut dirty = true;
    loop {
        heartbeat.beat();
        if stop.load(Ordering::Relaxed) || app.should_quit() {
            return;
        }
        if dirty {
            // The app lays the screen out for the terminal's size, which may have changed
            // since the last resize it was told of.
            if let Ok(size) = terminal.size() {
                app.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height));
            }
            // A terminal that cannot be written to has gone away (an SSH drop): leave.
            if terminal.draw(|frame| frame.render_widget(&*app, frame.area())).is_err() {
                return;
            }
            dirty = false;
        }
        // Work under way goes on between keys: look for them without waiting.
        if !wait_for_input(if app.busy() { Duration::ZERO } else { POLL }) {
            return;
        }
        // Take everything waiting, keys and resizes alike, without blocking.
        let mut handled = false;
        loop {
            match event::poll(Duration::ZERO) {
                Ok(true) => match event::read() {
                    Ok(ev) => {
                        let changed = app.handle_event(&ev);
                        dirty |= changed;
                        handled |= changed;
                    }
                    Err(_) => return,
                },
                Ok(false) => break,
                Err(_) => return,
            }
        }
        // A key's own frame is drawn first; the work it started goes on after.
        if !handled {
            dirty |= app.continue_work();
        }
        if last_check.elapsed() >= CHECK_OTHERS_EVERY {
            last_check = Instant::now();
            dirty |= app.tick();
        }
    }
}

/// Waits until the terminal has input, a signal arrives or `timeout` passes; false when
/// the terminal has hung up or closed.
///
/// The wait happens here rather than in crossterm because crossterm, handed a terminal
/// that has hung up, reads end-of-file over and over without returning: the process
/// would spin a CPU forever and never see the stop flag. poll() reports the hang-up.
fn wait_for_input(timeout: Duration) -> bool {
    let millis = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
    let (ready, revents) = poll_stdin(millis);
    if ready < 0 {
        let interrupted = std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted;
        return interrupted;
    }
    revents & HUNG_UP == 0
}
