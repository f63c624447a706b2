//! Key files: device keys (sr25519, ed25519, P-256) and account keys (sr25519, ed25519).
//!
//! A key file is a small JSON document, `{"scheme": "...", "secret": "0x...", "public": "0x..."}`,
//! written with mode 0600. The secret is never logged: [`DeviceSigner`] and [`AccountSigner`]
//! print as their public key only.
//!
//! A keystore is a directory of keys found by their public key: key files named
//! `<public hex>.json` (what `key generate --keystore` writes), and the entries of a Substrate
//! node's keystore (`<key type hex><public hex>`, holding a secret URI as a JSON string), so that
//! a verifier or operator key inserted with `atlas-node key insert` is found there too.

use std::{
	fmt,
	path::{Path, PathBuf},
};

use anyhow::{anyhow, bail, Context, Result};
use atlas_primitives::{DeviceKey, DeviceSignature};
use serde::{Deserialize, Serialize};
use sp_core::{crypto::Ss58Codec, ed25519, sr25519, Pair};
use subxt::{
	config::PolkadotConfig,
	tx::Signer,
	utils::{AccountId32, MultiSignature},
};

/// The SS58 prefix of Atlas addresses.
pub const SS58_PREFIX: u16 = 2432;

/// A signature scheme of a key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
	/// Schnorrkel/Ristretto: device and account keys.
	Sr25519,
	/// Edwards 25519: device and account keys (common in secure elements).
	Ed25519,
	/// NIST P-256 ECDSA: device keys of secure elements, TPMs and phone keystores.
	P256,
}

/// What a key file holds.
#[derive(Serialize, Deserialize)]
struct KeyFile {
	scheme: Scheme,
	/// The 32-byte seed (sr25519 mini secret, ed25519 seed) or P-256 scalar, hex.
	secret: String,
	/// The public key, hex: for reading the file without the agent.
	public: String,
}

/// A device key that signs reports, possession proofs and probe answers.
pub enum DeviceSigner {
	/// An sr25519 key.
	Sr25519(sr25519::Pair),
	/// An ed25519 key.
	Ed25519(ed25519::Pair),
	/// A P-256 key: signs the SHA-256 hash of a message.
	P256(p256::ecdsa::SigningKey),
}

impl fmt::Debug for DeviceSigner {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "DeviceSigner({})", public_hex(&self.public()))
	}
}

fn public_hex(key: &DeviceKey) -> String {
	match key {
		DeviceKey::Sr25519(p) => format!("sr25519:0x{}", hex::encode(p.0)),
		DeviceKey::Ed25519(p) => format!("ed25519:0x{}", hex::encode(p.0)),
		DeviceKey::Secp256k1(p) => format!("secp256k1:0x{}", hex::encode(p)),
		DeviceKey::P256(p) => format!("p256:0x{}", hex::encode(p)),
	}
}

impl DeviceSigner {
	/// A fresh key of `scheme` from the operating system's randomness.
	pub fn generate(scheme: Scheme) -> Self {
		match scheme {
			Scheme::Sr25519 => DeviceSigner::Sr25519(sr25519::Pair::generate().0),
			Scheme::Ed25519 => DeviceSigner::Ed25519(ed25519::Pair::generate().0),
			Scheme::P256 => DeviceSigner::P256(random_p256().0),
		}
	}

	/// The key from its scheme and 32-byte secret.
	pub fn from_secret(scheme: Scheme, secret: &[u8; 32]) -> Result<Self> {
		Ok(match scheme {
			Scheme::Sr25519 => DeviceSigner::Sr25519(sr25519::Pair::from_seed(secret)),
			Scheme::Ed25519 => DeviceSigner::Ed25519(ed25519::Pair::from_seed(secret)),
			Scheme::P256 => DeviceSigner::P256(
				p256::ecdsa::SigningKey::from_slice(secret)
					.map_err(|_| anyhow!("not a valid P-256 secret scalar"))?,
			),
		})
	}

	/// The key's scheme.
	pub fn scheme(&self) -> Scheme {
		match self {
			DeviceSigner::Sr25519(_) => Scheme::Sr25519,
			DeviceSigner::Ed25519(_) => Scheme::Ed25519,
			DeviceSigner::P256(_) => Scheme::P256,
		}
	}

	/// The public key as the chain stores it.
	pub fn public(&self) -> DeviceKey {
		match self {
			DeviceSigner::Sr25519(pair) => DeviceKey::Sr25519(pair.public()),
			DeviceSigner::Ed25519(pair) => DeviceKey::Ed25519(pair.public()),
			DeviceSigner::P256(key) => {
				let point = key.verifying_key().to_encoded_point(true);
				let mut bytes = [0u8; 33];
				bytes.copy_from_slice(point.as_bytes());
				DeviceKey::P256(bytes)
			},
		}
	}

	/// The public key as text: `scheme:0xhex`.
	pub fn public_text(&self) -> String {
		public_hex(&self.public())
	}

	/// Signs `message` (an Atlas payload: report, possession proof, probe answer).
	pub fn sign(&self, message: &[u8]) -> DeviceSignature {
		match self {
			DeviceSigner::Sr25519(pair) => DeviceSignature::Sr25519(pair.sign(message)),
			DeviceSigner::Ed25519(pair) => DeviceSignature::Ed25519(pair.sign(message)),
			DeviceSigner::P256(key) => {
				use p256::ecdsa::signature::Signer as _;
				let signature: p256::ecdsa::Signature = key.sign(message);
				DeviceSignature::P256(signature.to_bytes().into())
			},
		}
	}
}

/// A random P-256 key and its scalar.
fn random_p256() -> (p256::ecdsa::SigningKey, [u8; 32]) {
	loop {
		// 32 random bytes are a valid scalar but with negligible probability.
		let (_, seed) = ed25519::Pair::generate();
		if let Ok(key) = p256::ecdsa::SigningKey::from_slice(&seed) {
			return (key, seed);
		}
	}
}

/// Generates a key of `scheme`, writes it to `path` (mode 0600, refusing to overwrite) and
/// returns it.
pub fn generate_key_file(path: &Path, scheme: Scheme) -> Result<DeviceSigner> {
	if path.exists() {
		bail!("{} exists: refusing to overwrite a key", path.display());
	}
	let (signer, secret) = new_key(scheme);
	write_key_file(path, &signer, &secret)?;
	Ok(signer)
}

/// Generates a key of `scheme` into keystore `dir` and returns it with its file.
pub fn generate_in_keystore(dir: &Path, scheme: Scheme) -> Result<(DeviceSigner, PathBuf)> {
	let (signer, secret) = new_key(scheme);
	let path = dir.join(format!("{}.json", hex::encode(key_bytes(&signer.public()))));
	write_key_file(&path, &signer, &secret)?;
	Ok((signer, path))
}

/// The raw bytes of a public key (what keystore file names are made of).
pub fn key_bytes(key: &DeviceKey) -> Vec<u8> {
	match key {
		DeviceKey::Sr25519(p) => p.0.to_vec(),
		DeviceKey::Ed25519(p) => p.0.to_vec(),
		DeviceKey::Secp256k1(p) => p.to_vec(),
		DeviceKey::P256(p) => p.to_vec(),
	}
}

/// The bytes of a public key given as `scheme:0xhex` (what `key generate` prints), `0xhex`, or
/// an SS58 address.
fn parse_public(text: &str) -> Result<Vec<u8>> {
	let bare = text.split_once(':').map(|(_, k)| k).unwrap_or(text);
	match bare.strip_prefix("0x") {
		Some(hex) => hex::decode(hex).with_context(|| format!("public key `{text}` is not hex")),
		None => Ok(<[u8; 32]>::from(parse_account(bare)?).to_vec()),
	}
}

/// Reads the key of public key `public` from keystore `dir`: a key file `<hex>.json`, or a
/// Substrate keystore entry `<key type><hex>` (sr25519 or ed25519).
pub fn read_from_keystore(dir: &Path, public: &str) -> Result<DeviceSigner> {
	let wanted = parse_public(public)?;
	let hex = hex::encode(&wanted);
	let matches = |signer: &DeviceSigner| key_bytes(&signer.public()) == wanted;
	let file = dir.join(format!("{hex}.json"));
	if file.exists() {
		let signer = read_key_file(&file)?;
		if !matches(&signer) {
			bail!("{} holds another key than {public}", file.display());
		}
		return Ok(signer);
	}
	let entries =
		std::fs::read_dir(dir).with_context(|| format!("reading keystore {}", dir.display()))?;
	for entry in entries.flatten() {
		let name = entry.file_name().to_string_lossy().to_lowercase();
		// A key type is 4 bytes, 8 hex digits.
		if name.len() != hex.len() + 8 || !name.ends_with(&hex) {
			continue;
		}
		let path = entry.path();
		let text = std::fs::read_to_string(&path)
			.with_context(|| format!("reading {}", path.display()))?;
		let uri: String = serde_json::from_str(&text).with_context(|| {
			format!("{} is not a keystore entry (a JSON string)", path.display())
		})?;
		let candidates = [
			sr25519::Pair::from_string(&uri, None).ok().map(DeviceSigner::Sr25519),
			ed25519::Pair::from_string(&uri, None).ok().map(DeviceSigner::Ed25519),
		];
		if let Some(signer) = candidates.into_iter().flatten().find(|s| matches(s)) {
			return Ok(signer);
		}
		bail!("{} does not hold the key {public}", path.display());
	}
	bail!("no key {public} in keystore {}", dir.display())
}

fn new_key(scheme: Scheme) -> (DeviceSigner, [u8; 32]) {
	match scheme {
		Scheme::Sr25519 => {
			let (pair, seed) = sr25519::Pair::generate();
			(DeviceSigner::Sr25519(pair), seed)
		},
		Scheme::Ed25519 => {
			let (pair, seed) = ed25519::Pair::generate();
			(DeviceSigner::Ed25519(pair), seed)
		},
		Scheme::P256 => {
			let (key, secret) = random_p256();
			(DeviceSigner::P256(key), secret)
		},
	}
}

fn write_key_file(path: &Path, signer: &DeviceSigner, secret: &[u8; 32]) -> Result<()> {
	let file = KeyFile {
		scheme: signer.scheme(),
		secret: format!("0x{}", hex::encode(secret)),
		public: signer.public_text(),
	};
	write_private(path, &serde_json::to_vec_pretty(&file)?)
}

/// Writes `bytes` to a new file readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
	use std::io::Write;
	#[cfg(unix)]
	use std::os::unix::fs::OpenOptionsExt;
	if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
		std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
	}
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	options.mode(0o600);
	let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
	file.write_all(bytes)?;
	file.sync_all()?;
	Ok(())
}

/// Replaces `path` with `bytes` atomically (a temporary file renamed over it, so a crash leaves
/// the old or the new content, never half of one), readable by its owner only.
pub fn replace_private(path: &Path, bytes: &[u8]) -> Result<()> {
	let tmp = path.with_extension("tmp");
	let _ = std::fs::remove_file(&tmp);
	write_private(&tmp, bytes)?;
	std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))
}

/// Reads a key file written by [`generate_key_file`] (or by hand, with the same fields).
pub fn read_key_file(path: &Path) -> Result<DeviceSigner> {
	let text = std::fs::read_to_string(path)
		.with_context(|| format!("reading key file {}", path.display()))?;
	let file: KeyFile = serde_json::from_str(&text)
		.with_context(|| format!("key file {} is not a key file", path.display()))?;
	let secret = parse_secret(&file.secret)
		.with_context(|| format!("key file {}: field `secret`", path.display()))?;
	DeviceSigner::from_secret(file.scheme, &secret)
		.with_context(|| format!("key file {}", path.display()))
}

fn parse_secret(text: &str) -> Result<[u8; 32]> {
	let bytes = hex::decode(text.trim_start_matches("0x")).context("not hex")?;
	bytes.try_into().map_err(|b: Vec<u8>| anyhow!("32 bytes expected, got {}", b.len()))
}

/// Where an account key comes from in a config file: a key file, or a secret URI (a dev
/// account such as `//Alice`, or a mnemonic with a derivation path) for tests and demos.
#[derive(Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum AccountSource {
	/// A key file (sr25519 or ed25519).
	File(PathBuf),
	/// A secret URI, sr25519.
	Uri(String),
	/// A key in a keystore directory.
	Keystore {
		/// The keystore directory.
		dir: PathBuf,
		/// The account's public key (`0x` hex) or address.
		public: String,
	},
}

impl fmt::Debug for AccountSource {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			AccountSource::File(path) => write!(f, "File({})", path.display()),
			// A URI may be a mnemonic: never shown.
			AccountSource::Uri(_) => f.write_str("Uri(<secret>)"),
			AccountSource::Keystore { dir, public } => {
				write!(f, "Keystore({}, {public})", dir.display())
			},
		}
	}
}

/// The account that signs extrinsics.
#[derive(Clone)]
pub enum AccountSigner {
	/// An sr25519 account.
	Sr25519(sr25519::Pair),
	/// An ed25519 account.
	Ed25519(ed25519::Pair),
}

impl fmt::Debug for AccountSigner {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "AccountSigner({})", self.address())
	}
}

impl AccountSigner {
	/// Loads the account from `source`.
	pub fn load(source: &AccountSource) -> Result<Self> {
		match source {
			AccountSource::Uri(uri) => sr25519::Pair::from_string(uri, None)
				.map(AccountSigner::Sr25519)
				.map_err(|e| anyhow!("not a valid secret URI: {e:?}")),
			AccountSource::File(path) => Self::from_device_signer(read_key_file(path)?)
				.with_context(|| format!("{}", path.display())),
			AccountSource::Keystore { dir, public } => {
				Self::from_device_signer(read_from_keystore(dir, public)?)
					.with_context(|| format!("{public} in {}", dir.display()))
			},
		}
	}

	fn from_device_signer(signer: DeviceSigner) -> Result<Self> {
		match signer {
			DeviceSigner::Sr25519(pair) => Ok(AccountSigner::Sr25519(pair)),
			DeviceSigner::Ed25519(pair) => Ok(AccountSigner::Ed25519(pair)),
			DeviceSigner::P256(_) => bail!("a P-256 key cannot sign extrinsics"),
		}
	}

	/// The account's 32 bytes.
	pub fn account_bytes(&self) -> [u8; 32] {
		match self {
			AccountSigner::Sr25519(pair) => pair.public().0,
			AccountSigner::Ed25519(pair) => pair.public().0,
		}
	}

	/// The account as an sp-core account id (what the chain's payloads encode).
	pub fn account(&self) -> sp_core::crypto::AccountId32 {
		self.account_bytes().into()
	}

	/// Signs an off-chain message (a probe challenge) with the account key.
	pub fn sign_message(&self, message: &[u8]) -> sp_runtime::MultiSignature {
		match self {
			AccountSigner::Sr25519(pair) => pair.sign(message).into(),
			AccountSigner::Ed25519(pair) => pair.sign(message).into(),
		}
	}

	/// The account's Atlas address (SS58, prefix 2432).
	pub fn address(&self) -> String {
		self.account().to_ss58check_with_version(SS58_PREFIX.into())
	}
}

impl Signer<PolkadotConfig> for AccountSigner {
	fn account_id(&self) -> AccountId32 {
		AccountId32(self.account_bytes())
	}

	fn sign(&self, payload: &[u8]) -> MultiSignature {
		match self {
			AccountSigner::Sr25519(pair) => MultiSignature::Sr25519(pair.sign(payload).0),
			AccountSigner::Ed25519(pair) => MultiSignature::Ed25519(pair.sign(payload).0),
		}
	}
}

/// Parses an account given as SS58 (any prefix) or 0x-hex.
pub fn parse_account(text: &str) -> Result<sp_core::crypto::AccountId32> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes: [u8; 32] = hex::decode(hex)
			.context("not hex")?
			.try_into()
			.map_err(|_| anyhow!("an account is 32 bytes"))?;
		return Ok(bytes.into());
	}
	sp_core::crypto::AccountId32::from_ss58check_with_version(text)
		.map(|(account, _)| account)
		.map_err(|e| anyhow!("`{text}` is not an address: {e:?}"))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn temp(name: &str) -> PathBuf {
		let dir = std::env::temp_dir().join(format!("atlas-agent-keys-{}", std::process::id()));
		std::fs::create_dir_all(&dir).unwrap();
		let path = dir.join(name);
		let _ = std::fs::remove_file(&path);
		path
	}

	#[test]
	fn key_files_round_trip_for_every_scheme_and_are_private() {
		for scheme in [Scheme::Sr25519, Scheme::Ed25519, Scheme::P256] {
			let path = temp(&format!("{scheme:?}.key"));
			let made = generate_key_file(&path, scheme).unwrap();
			let read = read_key_file(&path).unwrap();
			assert_eq!(made.public(), read.public());
			assert_eq!(read.scheme(), scheme);
			#[cfg(unix)]
			{
				use std::os::unix::fs::PermissionsExt;
				let mode = std::fs::metadata(&path).unwrap().permissions().mode();
				assert_eq!(mode & 0o777, 0o600, "{scheme:?}");
			}
			// Never overwritten.
			assert!(generate_key_file(&path, scheme).is_err());
			// The debug form shows the public key only.
			let text = std::fs::read_to_string(&path).unwrap();
			let secret: serde_json::Value = serde_json::from_str(&text).unwrap();
			let secret = secret["secret"].as_str().unwrap().to_string();
			assert!(!format!("{read:?}").contains(&secret[2..]));
		}
	}

	#[test]
	fn device_signatures_verify_under_the_chains_rules() {
		for scheme in [Scheme::Sr25519, Scheme::Ed25519, Scheme::P256] {
			let signer = DeviceSigner::generate(scheme);
			let message = b"atlas:device-report:example";
			let signature = signer.sign(message);
			assert!(signer.public().verify(message, &signature), "{scheme:?}");
			assert!(!signer.public().verify(b"another message", &signature), "{scheme:?}");
		}
	}

	#[test]
	fn a_bad_key_file_names_its_field() {
		let path = temp("bad.key");
		std::fs::write(&path, r#"{"scheme":"sr25519","secret":"0x1234","public":""}"#).unwrap();
		let err = format!("{:#}", read_key_file(&path).unwrap_err());
		assert!(err.contains("field `secret`"), "{err}");
		assert!(err.contains("32 bytes expected"), "{err}");
	}

	#[test]
	fn keys_are_found_in_a_keystore_by_their_public_key() {
		let dir = temp("keystore");
		let _ = std::fs::remove_dir_all(&dir);
		let (device, path) = generate_in_keystore(&dir, Scheme::P256).unwrap();
		assert!(path.starts_with(&dir));
		let found = read_from_keystore(&dir, &device.public_text()).unwrap();
		assert_eq!(found.public(), device.public());
		// A Substrate node keystore entry (`atlas-node key insert`): key type + public, holding
		// a secret URI.
		let pair = sr25519::Pair::from_string("//Verifier", None).unwrap();
		let entry = format!("61746c76{}", hex::encode(pair.public().0));
		std::fs::write(dir.join(entry), "\"//Verifier\"").unwrap();
		let source = AccountSource::Keystore {
			dir: dir.clone(),
			public: pair.public().to_ss58check_with_version(SS58_PREFIX.into()),
		};
		assert_eq!(AccountSigner::load(&source).unwrap().account_bytes(), pair.public().0);
		let hex_source = AccountSource::Keystore {
			dir: dir.clone(),
			public: format!("0x{}", hex::encode(pair.public().0)),
		};
		assert_eq!(AccountSigner::load(&hex_source).unwrap().account_bytes(), pair.public().0);
		// A P-256 device key is no account.
		let p256 = AccountSource::Keystore { dir: dir.clone(), public: device.public_text() };
		assert!(format!("{:#}", AccountSigner::load(&p256).unwrap_err()).contains("P-256"));
		let missing = read_from_keystore(&dir, "0x0101").unwrap_err();
		assert!(missing.to_string().contains("no key 0x0101"), "{missing}");
	}

	#[test]
	fn accounts_load_from_uris_and_files() {
		let alice = AccountSigner::load(&AccountSource::Uri("//Alice".into())).unwrap();
		assert_eq!(
			hex::encode(alice.account_bytes()),
			"d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
		);
		assert_eq!(parse_account(&alice.address()).unwrap(), alice.account());
		let mnemonic = AccountSource::Uri("bottom drive obey lake curtain smoke basket".into());
		assert!(!format!("{mnemonic:?}").contains("bottom"));
		let path = temp("p256-account.key");
		generate_key_file(&path, Scheme::P256).unwrap();
		assert!(AccountSigner::load(&AccountSource::File(path)).is_err());
	}
}
