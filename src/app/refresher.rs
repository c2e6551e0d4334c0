//! Bringing out-of-date summaries up to today in the background: after midnight, a rules
//! change or a time zone change, while the person goes on working. The refresh runs on a
//! connection of its own, a short batch at a time; the dashboard sees its batches as it
//! sees anyone's writes, and until they land it reads those customers as refreshed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::store::{BATCH_BUDGET, RefreshReport, Result, Session, Store};

/// A pause between batches, so that other writers get the lock in between.
const BETWEEN_BATCHES: Duration = Duration::from_millis(5);

pub struct Refresher {
    stop: Arc<AtomicBool>,
    work: Option<JoinHandle<Result<RefreshReport>>>,
}

impl Refresher {
    /// Starts refreshing the database `store` is open on, as the same person.
    pub fn start(store: &Store) -> Refresher {
        let path = store.path().to_path_buf();
        let ctx = store.context();
        let session = Session::new(ctx.user.clone(), ctx.clock);
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let work = thread::spawn(move || {
            let mut own = Store::open_existing(&path, session)?;
            let mut report = RefreshReport::default();
            while !stopping.load(Ordering::Relaxed) {
                let step = own.refresh_step(BATCH_BUDGET)?;
                report.add(&step);
                if step.done {
                    break;
                }
                thread::sleep(BETWEEN_BATCHES);
            }
            Ok(report)
        });
        Refresher { stop, work: Some(work) }
    }

    /// What the refresh did, once it has finished; `None` while it runs.
    pub fn finished(&mut self) -> Option<Result<RefreshReport>> {
        if !self.work.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        self.work.take().map(answer)
    }

    /// Waits for the refresh to finish (for tests and tools that need it done).
    pub fn wait(mut self) -> Option<Result<RefreshReport>> {
        self.work.take().map(answer)
    }
}

/// What the refresh thread ended with; a panic in it is an error like any other.
fn answer(work: JoinHandle<Result<RefreshReport>>) -> Result<RefreshReport> {
    work.join().unwrap_or_else(|_| {
        Err(crate::store::StoreError::Database("the refresh of the summaries stopped unexpectedly".into()))
    })
}

impl Drop for Refresher {
    /// Quitting stops the refresh after its current batch; the next one takes it up.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(work) = self.work.take() {
            let _ = work.join();
        }
    }
}
