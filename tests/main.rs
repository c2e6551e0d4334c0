//! Every integration test, in one test binary: a module per layer of rapport, and the
//! helpers they share in `support`.

mod support;

mod app;
mod cli;
mod domain;
mod e2e;
mod store;
mod transfer;
