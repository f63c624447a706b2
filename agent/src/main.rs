//! `atlas-agent`: the Atlas operator agent, verifier daemon and device simulator. See
//! README.md ("Run the agent") for how operators and verifiers use it.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use atlas_agent::{
	chain::{Call, Chain, Outcome},
	config::{AgentConfig, VerifierConfig},
	keys::{
		generate_in_keystore, generate_key_file, parse_account, read_from_keystore, read_key_file,
		AccountSigner, AccountSource, Scheme,
	},
	operator::Operator,
	simulator::{self, SimConfig, SimDevice},
	verifier::Verifier,
};
use atlas_primitives::{
	possession_payload, Beneficiary, DeviceId, DeviceSpec, RouteShare, SensorKind,
};
use clap::{Args, Parser, Subcommand};
use codec::Decode;
use sp_runtime::Perbill;

/// The Atlas operator agent, verifier daemon and device simulator.
#[derive(Parser)]
#[command(name = "atlas-agent", version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Device and account keys.
	#[command(subcommand)]
	Key(KeyCommand),
	/// Register, inspect and claim for devices.
	#[command(subcommand)]
	Device(DeviceCommand),
	/// Run the operator agent for the devices of a config file.
	Run {
		/// The agent's config file (agent.toml).
		#[arg(long)]
		config: PathBuf,
	},
	/// The verifier daemon.
	#[command(subcommand)]
	Verifier(VerifierCommand),
	/// Simulate devices: Prometheus, JSON and Modbus endpoints with plausible numbers.
	Simulate {
		/// Where to serve HTTP (Prometheus text and JSON).
		#[arg(long, default_value = "127.0.0.1:9100")]
		http: SocketAddr,
		/// Where to serve Modbus TCP (energy devices).
		#[arg(long)]
		modbus: Option<SocketAddr>,
		/// A device: `name:class[:key=value...]`, e.g. `gpu-1:compute:gpus=2`,
		/// `solar-1:energy:watts=3000`, `router-1:connectivity:rate=2000000`, `wx-1:sensing:rate=0.02`.
		#[arg(long = "device", required = true)]
		devices: Vec<SimDevice>,
	},
}

#[derive(Subcommand)]
enum KeyCommand {
	/// Generate a key file (mode 0600) and print its public key.
	Generate {
		/// The signature scheme.
		#[arg(long, value_enum, default_value = "sr25519")]
		scheme: Scheme,
		/// Where to write it.
		#[arg(long, required_unless_present = "keystore", conflicts_with = "keystore")]
		out: Option<PathBuf>,
		/// Write it into this keystore directory instead, named by its public key.
		#[arg(long)]
		keystore: Option<PathBuf>,
	},
	/// Print a key file's public key (and its address, for account keys).
	Inspect {
		/// The key file.
		path: PathBuf,
	},
}

#[derive(Subcommand)]
enum VerifierCommand {
	/// Run the verifier daemon.
	Run {
		/// The daemon's config file (verifier.toml).
		#[arg(long)]
		config: PathBuf,
	},
}

/// How a command reaches the chain and who signs.
#[derive(Args, Clone)]
struct Signing {
	/// The node's WebSocket RPC address.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// The signing account's key file.
	#[arg(long, conflicts_with = "account_uri")]
	account_file: Option<PathBuf>,
	/// The signing account as a secret URI (`//Alice` on a dev chain).
	#[arg(long, conflicts_with = "account_keystore")]
	account_uri: Option<String>,
	/// A keystore directory holding the signing account's key (with `--account-public`).
	#[arg(long, requires = "account_public", conflicts_with = "account_file")]
	account_keystore: Option<PathBuf>,
	/// The signing account's public key or address, found in `--account-keystore`.
	#[arg(long, requires = "account_keystore")]
	account_public: Option<String>,
	/// Sign as a proxy of this account.
	#[arg(long)]
	proxy_for: Option<String>,
}

impl Signing {
	fn signer(&self) -> Result<AccountSigner> {
		let source = match (&self.account_file, &self.account_uri, &self.account_keystore) {
			(Some(file), _, _) => AccountSource::File(file.clone()),
			(None, Some(uri), _) => AccountSource::Uri(uri.clone()),
			(None, None, Some(dir)) => AccountSource::Keystore {
				dir: dir.clone(),
				public: self.account_public.clone().unwrap_or_default(),
			},
			(None, None, None) => bail!(
				"give the signing account: --account-file, --account-uri or --account-keystore"
			),
		};
		AccountSigner::load(&source)
	}

	fn proxy(&self) -> Result<Option<sp_core::crypto::AccountId32>> {
		self.proxy_for.as_deref().map(parse_account).transpose().context("--proxy-for")
	}
}

#[derive(Subcommand)]
enum DeviceCommand {
	/// Register a device: builds the possession proof with its key and registers it.
	Register {
		#[command(flatten)]
		signing: Signing,
		/// The device key file.
		#[arg(long, required_unless_present = "public", conflicts_with = "public")]
		key: Option<PathBuf>,
		/// The device's public key (`scheme:0x…`), found in `--keystore`.
		#[arg(long, requires = "keystore")]
		public: Option<String>,
		/// The keystore directory holding the device key.
		#[arg(long, requires = "public")]
		keystore: Option<PathBuf>,
		/// The network state it belongs to.
		#[arg(long)]
		state: u32,
		/// Its approved hardware model.
		#[arg(long)]
		model: u32,
		/// Its location as an H3 cell (hex `0x…` or decimal).
		#[arg(long, required_unless_present = "lat", conflicts_with_all = ["lat", "lng"])]
		cell: Option<String>,
		/// Its latitude (degrees, WGS84), with `--lng`: the agent finds its H3 cell.
		#[arg(long, requires = "lng", allow_hyphen_values = true)]
		lat: Option<f64>,
		/// Its longitude (degrees, WGS84), with `--lat`.
		#[arg(long, requires = "lat", allow_hyphen_values = true)]
		lng: Option<f64>,
		/// The H3 resolution of the cell found from `--lat`/`--lng` (0–15; 8 is about 0.7 km²,
		/// close enough for coverage and far enough from a street address).
		#[arg(long, default_value_t = 8)]
		resolution: u8,
		/// What it is: `compute:gpus=1:gpu=RTX 4090:memory_mib=24576`,
		/// `connectivity:kbps=100000`, `energy:watts=5000`, `sensing:kind=weather:per_hour=60`.
		#[arg(long)]
		spec: String,
		/// A metadata URI.
		#[arg(long, default_value = "")]
		metadata_uri: String,
	},
	/// Print a device's record.
	Status {
		/// The node's WebSocket RPC address.
		#[arg(long, default_value = "ws://127.0.0.1:9944")]
		node: String,
		/// The device.
		#[arg(long)]
		id: DeviceId,
	},
	/// Claim devices' rewards.
	Claim {
		#[command(flatten)]
		signing: Signing,
		/// The devices.
		#[arg(long = "id", required = true)]
		ids: Vec<DeviceId>,
	},
	/// Set how a device's rewards are split (owner only): legs `owner:<percent>`,
	/// `account:<address>:<percent>`, `vault:<id>:<percent>`, `pool:<percent>` (the state's
	/// community pool), `stake:<percent>` (the owner's governance stake); summing to 100.
	Route {
		#[command(flatten)]
		signing: Signing,
		/// The device.
		#[arg(long)]
		id: DeviceId,
		/// A leg of the route.
		#[arg(long = "leg", required = true)]
		legs: Vec<String>,
	},
	/// Name the operator that submits a device's reports.
	Operator {
		#[command(flatten)]
		signing: Signing,
		/// The device.
		#[arg(long)]
		id: DeviceId,
		/// The operator's address.
		#[arg(long)]
		operator: String,
	},
}

fn parse_spec(text: &str) -> Result<DeviceSpec> {
	let mut parts = text.split(':');
	let class = parts.next().unwrap_or_default();
	let mut fields = std::collections::BTreeMap::new();
	for part in parts {
		let (k, v) =
			part.split_once('=').ok_or_else(|| anyhow!("spec part `{part}` is not key=value"))?;
		fields.insert(k.to_string(), v.to_string());
	}
	let num = |k: &str| -> Result<u64> {
		fields
			.get(k)
			.ok_or_else(|| anyhow!("a {class} spec needs `{k}=`"))?
			.parse()
			.map_err(|_| anyhow!("spec field `{k}` is not a number"))
	};
	Ok(match class {
		"compute" => DeviceSpec::Compute {
			gpu_model: fields
				.get("gpu")
				.ok_or_else(|| anyhow!("a compute spec needs `gpu=`"))?
				.as_bytes()
				.to_vec()
				.try_into()
				.map_err(|_| anyhow!("`gpu` is too long"))?,
			gpu_count: u8::try_from(num("gpus")?).map_err(|_| anyhow!("`gpus` is too large"))?,
			gpu_memory_mib: u32::try_from(num("memory_mib")?)
				.map_err(|_| anyhow!("`memory_mib` is too large"))?,
		},
		"connectivity" => DeviceSpec::Connectivity {
			link_capacity_kbps: u32::try_from(num("kbps")?)
				.map_err(|_| anyhow!("`kbps` is too large"))?,
		},
		"energy" => DeviceSpec::Energy {
			rated_watts: u32::try_from(num("watts")?)
				.map_err(|_| anyhow!("`watts` is too large"))?,
		},
		"sensing" => DeviceSpec::Sensing {
			sensor_kind: match fields.get("kind").map(String::as_str).unwrap_or("other") {
				"weather" => SensorKind::Weather,
				"air_quality" => SensorKind::AirQuality,
				"noise" => SensorKind::Noise,
				"mapping" => SensorKind::Mapping,
				"gnss" => SensorKind::Gnss,
				"other" => SensorKind::Other,
				other => bail!("unknown sensor kind `{other}`"),
			},
			samples_per_hour: u32::try_from(num("per_hour")?)
				.map_err(|_| anyhow!("`per_hour` is too large"))?,
		},
		other => bail!("unknown device class `{other}` (compute, connectivity, energy, sensing)"),
	})
}

fn parse_leg(text: &str) -> Result<RouteShare<sp_core::crypto::AccountId32>> {
	let parts: Vec<&str> = text.split(':').collect();
	let percent = |p: &str| -> Result<Perbill> {
		let value: u32 =
			p.parse().map_err(|_| anyhow!("leg `{text}`: `{p}` is not a whole percent"))?;
		if value == 0 || value > 100 {
			bail!("leg `{text}`: a share is 1 to 100 percent");
		}
		Ok(Perbill::from_percent(value))
	};
	let (beneficiary, share) = match parts.as_slice() {
		["owner", p] => (Beneficiary::Owner, percent(p)?),
		["pool", p] => (Beneficiary::CommunityPool, percent(p)?),
		["stake", p] => (Beneficiary::Stake, percent(p)?),
		["account", who, p] => (Beneficiary::Account(parse_account(who)?), percent(p)?),
		["vault", id, p] => (
			Beneficiary::Vault(id.parse().map_err(|_| anyhow!("leg `{text}`: `{id}` is not a vault id"))?),
			percent(p)?,
		),
		_ => bail!("leg `{text}`: one of owner:<%>, account:<address>:<%>, vault:<id>:<%>, pool:<%>, stake:<%>"),
	};
	Ok(RouteShare { beneficiary, share })
}

/// The H3 cell of resolution `resolution` that holds `lat`, `lng`.
fn cell_of(lat: f64, lng: f64, resolution: u8) -> Result<u64> {
	let resolution = h3o::Resolution::try_from(resolution)
		.map_err(|_| anyhow!("`--resolution {resolution}` is not an H3 resolution (0–15)"))?;
	let at = h3o::LatLng::new(lat, lng)
		.map_err(|_| anyhow!("`--lat {lat} --lng {lng}` is not a place on Earth"))?;
	if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) {
		bail!("`--lat {lat} --lng {lng}`: latitude is within ±90 and longitude within ±180");
	}
	Ok(u64::from(at.to_cell(resolution)))
}

fn parse_cell(text: &str) -> Result<u64> {
	match text.strip_prefix("0x") {
		Some(hex) => u64::from_str_radix(hex, 16),
		None => text.parse(),
	}
	.map_err(|_| anyhow!("`--cell {text}` is not an H3 cell"))
}

async fn device_command(command: DeviceCommand) -> Result<()> {
	match command {
		DeviceCommand::Register {
			signing,
			key,
			public,
			keystore,
			state,
			model,
			cell,
			lat,
			lng,
			resolution,
			spec,
			metadata_uri,
		} => {
			let signer = signing.signer()?;
			let key = match (key, public, keystore) {
				(Some(file), _, _) => read_key_file(&file)?,
				(None, Some(public), Some(dir)) => read_from_keystore(&dir, &public)?,
				_ => bail!("give the device key: --key, or --public and --keystore"),
			};
			let spec = parse_spec(&spec)?;
			let cell = match (cell, lat, lng) {
				(Some(cell), _, _) => parse_cell(&cell)?,
				(None, Some(lat), Some(lng)) => cell_of(lat, lng, resolution)?,
				_ => bail!("give the device's place: --cell, or --lat and --lng"),
			};
			if !atlas_primitives::h3::is_valid_cell(cell) {
				bail!("`{cell:#x}` is not a valid H3 cell");
			}
			let chain = Chain::connect(&signing.node).await?;
			// The owner is whom the signer acts for: itself, or the account it is a proxy of.
			let proxy = signing.proxy()?;
			let owner = proxy.clone().unwrap_or_else(|| signer.account());
			let nonce = chain.registration_nonce(&owner).await?;
			let proof =
				key.sign(&possession_payload(&chain.genesis_hash(), &owner, &key.public(), nonce));
			let call = Call::register_device(
				state,
				&spec,
				model,
				cell,
				metadata_uri.as_bytes(),
				&key.public(),
				&proof,
			);
			let (outcome, events) = chain.submit_watching(&signer, proxy.as_ref(), call).await?;
			if let Outcome::Refused(refusal) = outcome {
				bail!("registration refused: {refusal}");
			}
			let id = events
				.iter()
				.find(|(p, e, _)| p == "Devices" && e == "DeviceRegistered")
				.and_then(|(_, _, fields)| DeviceId::decode(&mut &fields[..]).ok())
				.ok_or_else(|| anyhow!("registered, but no DeviceRegistered event was found"))?;
			println!("{id}");
			eprintln!(
				"registered device {id} ({}) for {}; a steward of state {state} activates it",
				key.public_text(),
				signer.address()
			);
		},
		DeviceCommand::Status { node, id } => {
			let chain = Chain::connect(&node).await?;
			let device =
				chain.device(id).await?.ok_or_else(|| anyhow!("device {id} is not registered"))?;
			let epoch = chain.current_epoch().await?;
			let reported = chain.has_report(epoch.saturating_sub(1), id).await?;
			println!("device {id}");
			println!("  owner:          {}", device.owner);
			println!(
				"  operator:       {}",
				device.operator.map(|o| o.to_string()).unwrap_or_else(|| "-".into())
			);
			println!("  state:          {}", device.state);
			println!("  status:         {:?}", device.status);
			println!("  spec:           {:?}", device.spec);
			println!("  key:            {:?}", device.key);
			println!(
				"  active since:   {}",
				device.active_since.map(|b| format!("block {b}")).unwrap_or_else(|| "-".into())
			);
			println!("  probe endpoint: {}", String::from_utf8_lossy(&device.probe_endpoint));
			println!(
				"  epoch now:      {epoch} (epoch {} reported: {reported})",
				epoch.saturating_sub(1)
			);
		},
		DeviceCommand::Claim { signing, ids } => {
			let signer = signing.signer()?;
			let chain = Chain::connect(&signing.node).await?;
			let block =
				chain.submit_ok(&signer, signing.proxy()?.as_ref(), Call::claim(&ids)).await?;
			println!("claimed for {} device(s) in block {block:?}", ids.len());
		},
		DeviceCommand::Route { signing, id, legs } => {
			let signer = signing.signer()?;
			let route = legs.iter().map(|l| parse_leg(l)).collect::<Result<Vec<_>>>()?;
			let chain = Chain::connect(&signing.node).await?;
			chain.submit_ok(&signer, None, Call::set_reward_route(id, &route)).await?;
			println!("device {id}: route of {} leg(s) set", route.len());
		},
		DeviceCommand::Operator { signing, id, operator } => {
			let signer = signing.signer()?;
			let operator = parse_account(&operator)?;
			let chain = Chain::connect(&signing.node).await?;
			chain
				.submit_ok(&signer, signing.proxy()?.as_ref(), Call::set_operator(id, &operator))
				.await?;
			println!("device {id}: operator {operator}");
		},
	}
	Ok(())
}

#[tokio::main]
async fn main() {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.init();
	if let Err(e) = run(Cli::parse()).await {
		eprintln!("error: {e:#}");
		std::process::exit(1);
	}
}

async fn run(cli: Cli) -> Result<()> {
	match cli.command {
		Command::Key(KeyCommand::Generate { scheme, out, keystore }) => {
			let (key, out) = match (out, keystore) {
				(Some(out), _) => (generate_key_file(&out, scheme)?, out),
				(None, Some(dir)) => generate_in_keystore(&dir, scheme)?,
				(None, None) => bail!("give --out or --keystore"),
			};
			println!("{}", key.public_text());
			if let Ok(account) = AccountSigner::load(&AccountSource::File(out.clone())) {
				eprintln!("address (as an account key): {}", account.address());
			}
			eprintln!("wrote {} (mode 0600)", out.display());
		},
		Command::Key(KeyCommand::Inspect { path }) => {
			let key = read_key_file(&path)?;
			println!("{}", key.public_text());
			if let Ok(account) = AccountSigner::load(&AccountSource::File(path)) {
				println!("address: {}", account.address());
			}
		},
		Command::Device(command) => device_command(command).await?,
		Command::Run { config } => {
			let config = AgentConfig::load(&config)?;
			Operator::start(config).await?.run().await?;
		},
		Command::Verifier(VerifierCommand::Run { config }) => {
			let config = VerifierConfig::load(&config)?;
			Verifier::start(config).await?.run().await?;
		},
		Command::Simulate { http, modbus, devices } => {
			simulator::run(SimConfig { http, modbus, devices }).await?;
		},
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn specs_parse_for_every_class() {
		assert!(matches!(
			parse_spec("energy:watts=5000").unwrap(),
			DeviceSpec::Energy { rated_watts: 5000 }
		));
		assert!(matches!(
			parse_spec("compute:gpus=2:gpu=RTX 4090:memory_mib=24576").unwrap(),
			DeviceSpec::Compute { gpu_count: 2, .. }
		));
		assert!(matches!(
			parse_spec("connectivity:kbps=8").unwrap(),
			DeviceSpec::Connectivity { link_capacity_kbps: 8 }
		));
		assert!(matches!(
			parse_spec("sensing:kind=weather:per_hour=60").unwrap(),
			DeviceSpec::Sensing { sensor_kind: SensorKind::Weather, samples_per_hour: 60 }
		));
		assert!(parse_spec("energy").unwrap_err().to_string().contains("`watts=`"));
		assert!(parse_spec("toaster:watts=1")
			.unwrap_err()
			.to_string()
			.contains("unknown device class"));
		assert_eq!(parse_cell("0x891f1d48947ffff").unwrap(), 0x891f1d48947ffff);
		// The Brandenburg Gate at resolution 8, as the reference H3 library indexes it.
		assert_eq!(cell_of(52.516262, 13.377704, 8).unwrap(), 613_036_919_424_548_863);
		assert!(atlas_primitives::h3::is_valid_cell(cell_of(-33.8568, 151.2153, 12).unwrap()));
		assert!(cell_of(91.0, 0.0, 8).unwrap_err().to_string().contains("±90"));
		assert!(cell_of(0.0, 0.0, 16).unwrap_err().to_string().contains("resolution"));
		let leg = parse_leg("vault:3:40").unwrap();
		assert_eq!(
			(leg.beneficiary, leg.share),
			(Beneficiary::Vault(3), Perbill::from_percent(40))
		);
		assert!(parse_leg("owner:0").is_err());
		assert!(parse_leg("moon:5").unwrap_err().to_string().contains("one of"));
	}
}
