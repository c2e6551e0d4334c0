//! The real binary in a pseudo-terminal, as a person runs it: whole sessions and every way one ends.

mod pty_session;
mod signals_and_drops;
mod two_dashboards;
