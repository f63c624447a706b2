//! # atlas-agent
//!
//! The off-chain half of Atlas: the operator agent that reads devices' metric sources, signs
//! each epoch's reports with the device keys and submits them; the probe endpoint it serves for
//! verifiers; the verifier daemon that probes its assigned devices, attests and keeps the
//! beacon; and a device simulator for tests and demos.

pub mod chain;
pub mod config;
pub mod gate;
pub mod http;
pub mod keys;
pub mod ledger;
pub mod modbus;
pub mod onion;
pub mod operator;
pub mod probe;
pub mod prometheus;
pub mod simulator;
pub mod sources;
pub mod telemetry;
pub mod verifier;
