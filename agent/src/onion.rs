//! The verifier's beacon onion: a hash chain `v_n = secret`, `v_i = blake2_256(v_{i+1})`. The
//! daemon commits to `v_0` and reveals `v_1`, `v_2`, … one per epoch, so every value it will
//! reveal is fixed when it commits. Its secret and position live in the daemon's state file
//! (mode 0600); losing the file costs a recommit (and the reveals missed meanwhile).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use sp_core::H256;
use sp_crypto_hashing::blake2_256;

/// An onion and how far it has been revealed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Onion {
	/// `v_n`, hex.
	secret: String,
	/// `n`: the values it can reveal.
	pub length: u32,
	/// How many values have been revealed: the chain's commitment is `v_revealed`.
	pub revealed: u32,
}

impl std::fmt::Debug for Onion {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		// Never the secret.
		write!(f, "Onion {{ length: {}, revealed: {} }}", self.length, self.revealed)
	}
}

impl Onion {
	/// A fresh onion of `length` reveals from the operating system's randomness.
	pub fn generate(length: u32) -> Self {
		use sp_core::Pair;
		let (_, secret) = sp_core::ed25519::Pair::generate();
		Onion { secret: format!("0x{}", hex::encode(secret)), length, revealed: 0 }
	}

	fn secret(&self) -> Result<[u8; 32]> {
		let bytes = hex::decode(self.secret.trim_start_matches("0x")).context("onion secret")?;
		bytes.try_into().map_err(|_| anyhow::anyhow!("the onion secret is not 32 bytes"))
	}

	/// `v_i`.
	pub fn value(&self, i: u32) -> Result<H256> {
		let mut v = self.secret()?;
		for _ in i..self.length {
			v = blake2_256(&v);
		}
		Ok(H256(v))
	}

	/// What to commit to: `v_0`.
	pub fn commitment(&self) -> Result<H256> {
		self.value(0)
	}

	/// The next value to reveal, if any is left.
	pub fn next_reveal(&self) -> Result<Option<H256>> {
		if self.revealed.saturating_add(1) > self.length {
			return Ok(None);
		}
		self.value(self.revealed + 1).map(Some)
	}

	/// Finds where the chain's `commitment` sits in this onion (a reveal may have landed while
	/// the daemon was down): `Some(i)` with `v_i = commitment`.
	pub fn position_of(&self, commitment: H256) -> Result<Option<u32>> {
		let mut v = self.secret()?;
		for i in (0..=self.length).rev() {
			if H256(v) == commitment {
				return Ok(Some(i));
			}
			v = blake2_256(&v);
		}
		Ok(None)
	}
}

/// The verifier daemon's state file: its onion.
#[derive(Debug)]
pub struct OnionFile {
	path: PathBuf,
	/// The onion, once made.
	pub onion: Option<Onion>,
}

impl OnionFile {
	/// Opens `path` (empty if absent).
	pub fn open(path: &Path) -> Result<Self> {
		let onion = match std::fs::read(path) {
			Ok(bytes) => Some(
				serde_json::from_slice(&bytes)
					.with_context(|| format!("the state file {} is damaged", path.display()))?,
			),
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
			Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
		};
		Ok(OnionFile { path: path.to_path_buf(), onion })
	}

	/// Writes the state, readable by its owner only, replacing the old file atomically.
	pub fn save(&self) -> Result<()> {
		crate::keys::replace_private(&self.path, &serde_json::to_vec(&self.onion)?)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_reveal_hashes_to_the_previous_one() {
		let mut onion = Onion::generate(10);
		let mut expected = onion.commitment().unwrap();
		for _ in 0..10 {
			let v = onion.next_reveal().unwrap().unwrap();
			assert_eq!(H256(blake2_256(v.as_bytes())), expected);
			expected = v;
			onion.revealed += 1;
		}
		assert_eq!(onion.next_reveal().unwrap(), None);
		// Its debug form never shows the secret.
		assert!(!format!("{onion:?}").contains(&onion.secret[2..]));
	}

	#[test]
	fn the_position_of_a_commitment_is_found() {
		let onion = Onion::generate(50);
		assert_eq!(onion.position_of(onion.value(17).unwrap()).unwrap(), Some(17));
		assert_eq!(onion.position_of(onion.commitment().unwrap()).unwrap(), Some(0));
		assert_eq!(onion.position_of(H256::repeat_byte(1)).unwrap(), None);
	}

	#[test]
	fn the_state_file_round_trips_privately() {
		let dir = std::env::temp_dir().join(format!("atlas-agent-onion-{}", std::process::id()));
		let path = dir.join("verifier.json");
		let _ = std::fs::remove_file(&path);
		let mut file = OnionFile::open(&path).unwrap();
		assert!(file.onion.is_none());
		file.onion = Some(Onion::generate(5));
		file.save().unwrap();
		assert_eq!(OnionFile::open(&path).unwrap().onion, file.onion);
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		}
	}
}
