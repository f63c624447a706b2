//! Funding epochs, settling and paying devices, sweeping expired budgets, previews and
//! invariants.

use crate::{pallet::*, types::*, weights::WeightInfo};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use atlas_primitives::{
	mul_rational, validate_route, Beneficiary, DeviceClass, DeviceId, DeviceRegistry,
	DeviceSummary, Emission, EmissionContext, EpochIndex, EpochScores, MonetaryPolicy, OnReport,
	Points, RewardSink, VaultId, VaultLeg,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		fungibles,
		tokens::Preservation,
	},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill, Rounding, SaturatedConversion,
};

/// Where one unpaid epoch of a device stands.
pub(crate) enum EntryState<T: Config> {
	/// Its budget has been swept to the treasury.
	Expired,
	/// The epoch is not funded yet.
	NotFunded,
	/// The circuit breaker halted the epoch's mint.
	Halted,
	/// The device has no points record for the epoch.
	NoPoints,
	/// Earned but still open to challenge.
	Maturing(Computed<T>),
	/// Earned and payable now.
	Payable(Computed<T>),
}

/// A device's reward for one epoch.
pub(crate) struct Computed<T: Config> {
	pub class: DeviceClass,
	pub points: Points,
	pub total: Points,
	pub amount: BalanceOf<T>,
	/// (index in the budget's programs, asset, amount).
	pub assets: Vec<(usize, AssetIdOf<T>, BalanceOf<T>)>,
}

/// A vault's weighted share of `points`, rounded up (see [`VaultAccruals`]).
pub(crate) fn weighted(share: sp_runtime::Perbill, points: Points) -> Points {
	share.mul_ceil(points)
}

/// `value × points / total`, rounded down.
pub(crate) fn pro_rata<B: sp_runtime::traits::AtLeast32BitUnsigned + Copy>(
	value: B,
	points: Points,
	total: Points,
) -> B {
	if total == 0 || points == 0 {
		return Zero::zero();
	}
	mul_rational(value, u128::from(points), u128::from(total), Rounding::Down)
}

impl<T: Config> Pallet<T> {
	/// What validators earn for an era that lasted `era` of a year: their share of the same
	/// yearly issuance the epochs mint from, at this year's rate. Staking pays it.
	pub fn validator_payout(total_issuance: BalanceOf<T>, era: Perbill) -> BalanceOf<T> {
		let now: u32 = frame_system::Pallet::<T>::block_number().saturated_into();
		let year = now / T::BlocksPerYear::get().max(1);
		T::Policy::validator_payout(&PolicyParams::<T>::get(), total_issuance, year, era)
	}

	/// Funds a closed epoch: the policy's emission, split across classes, unless the breaker
	/// halts it.
	pub(crate) fn fund(epoch: EpochIndex) {
		let per_year = T::BlocksPerYear::get() / T::Scores::epoch_length().max(1);
		let ctx = EmissionContext {
			epoch,
			epochs_per_year: per_year.max(1),
			total_issuance: T::Currency::total_issuance(),
			treasury_balance: T::Currency::balance(&T::Treasury::get()),
		};
		let requested = T::Policy::epoch_emission(&PolicyParams::<T>::get(), &ctx);
		let budget = EpochBudget {
			requested,
			minted: Emission { depin: Zero::zero(), treasury: Zero::zero() },
			halted: false,
			classes: Default::default(),
			verifiers: Default::default(),
			programs: Self::program_budgets(epoch),
		};
		NextToFund::<T>::put(epoch.saturating_add(1));
		let limit = Self::breaker_limit(requested);
		if requested.total() > limit {
			Budgets::<T>::insert(epoch, EpochBudget { halted: true, ..budget });
			Self::deposit_event(Event::CircuitBreakerTripped {
				epoch,
				requested: requested.total(),
				limit,
			});
			return;
		}
		Self::mint(epoch, budget, requested);
	}

	/// The most an epoch may mint: [`Config::BreakerMultiple`] times the last mint (anything
	/// while nothing was minted yet).
	pub(crate) fn breaker_limit(requested: Emission<BalanceOf<T>>) -> BalanceOf<T> {
		let last = LastMint::<T>::get();
		if last.is_zero() {
			return requested.total();
		}
		last.saturating_mul(T::BreakerMultiple::get().into())
	}

	/// `requested` scaled down to `limit` in total, keeping its proportions.
	pub(crate) fn capped(
		requested: Emission<BalanceOf<T>>,
		limit: BalanceOf<T>,
	) -> Emission<BalanceOf<T>> {
		let total = requested.total();
		if total <= limit {
			return requested;
		}
		let depin = mul_rational(
			requested.depin,
			limit.saturated_into(),
			total.saturated_into(),
			Rounding::Down,
		);
		Emission { depin, treasury: limit.saturating_sub(depin) }
	}

	/// Mints `emission` for `epoch`: the verifiers' share and the class budgets into the pot,
	/// the rest into the treasury.
	pub(crate) fn mint(
		epoch: EpochIndex,
		mut budget: EpochBudgetOf<T>,
		emission: Emission<BalanceOf<T>>,
	) -> Emission<BalanceOf<T>> {
		let shares = ClassShares::<T>::get();
		let verifiers = VerifierShare::<T>::get().mul_floor(emission.depin);
		budget.verifiers = ClassBudget { budget: verifiers, settled: Zero::zero() };
		let for_classes = emission.depin.saturating_sub(verifiers);
		let mut devices: BalanceOf<T> = verifiers;
		for (class, share) in budget.classes.values_mut().zip(shares.values()) {
			// Rounded down, so the classes never get more than the devices' emission.
			class.budget = share.mul_floor(for_classes);
			devices = devices.saturating_add(class.budget);
		}
		// Rounding dust of the split goes to the treasury.
		let to_treasury = emission.treasury.saturating_add(emission.depin.saturating_sub(devices));
		if !devices.is_zero() && T::Currency::mint_into(&Self::pot(), devices).is_err() {
			frame_support::defensive!("minting into the pot failed");
			devices = Zero::zero();
			budget.classes = Default::default();
			budget.verifiers = Default::default();
		}
		let treasury = if !to_treasury.is_zero()
			&& T::Currency::mint_into(&T::Treasury::get(), to_treasury).is_ok()
		{
			to_treasury
		} else {
			Zero::zero()
		};
		let minted = Emission { depin: devices, treasury };
		budget.minted = minted;
		budget.halted = false;
		let class_budgets = budget.classes.map(|c| c.budget);
		let verifier_budget = budget.verifiers.budget;
		EmissionTotals::<T>::mutate(|t| t.minted = t.minted.saturating_add(devices));
		LastMint::<T>::put(minted.total());
		Budgets::<T>::insert(epoch, budget);
		Self::deposit_event(Event::EpochFunded { epoch, minted, class_budgets, verifier_budget });
		minted
	}

	/// The budgets of the programs paying for `epoch`.
	fn program_budgets(
		epoch: EpochIndex,
	) -> BoundedVec<ProgramBudget<AssetIdOf<T>, BalanceOf<T>>, T::MaxPrograms> {
		let list = ActivePrograms::<T>::get()
			.into_iter()
			.filter_map(|id| Programs::<T>::get(id).map(|p| (id, p)))
			.filter(|(_, p)| epoch < p.ends)
			.map(|(id, p)| ProgramBudget {
				program: id,
				asset: p.asset,
				class: p.class,
				budget: p.per_epoch,
				settled: Zero::zero(),
			})
			.collect::<Vec<_>>();
		BoundedVec::truncate_from(list)
	}

	/// Sweeps the oldest budget once it is past retention: what was not claimed goes to the
	/// treasury. Returns whether it swept.
	pub(crate) fn sweep_oldest() -> bool {
		let oldest = OldestBudget::<T>::get();
		if oldest.saturating_add(T::RetentionEpochs::get()) >= NextToFund::<T>::get() {
			return false;
		}
		let Some(budget) = Budgets::<T>::get(oldest) else {
			OldestBudget::<T>::put(oldest.saturating_add(1));
			return true;
		};
		let unpaid = budget
			.classes
			.values()
			.chain(core::iter::once(&budget.verifiers))
			.fold(BalanceOf::<T>::zero(), |a, c| {
				a.saturating_add(c.budget.saturating_sub(c.settled))
			});
		if !unpaid.is_zero() {
			if T::Currency::transfer(
				&Self::pot(),
				&T::Treasury::get(),
				unpaid,
				Preservation::Preserve,
			)
			.is_err()
			{
				frame_support::defensive!("the pot cannot pay an expired budget");
				return false;
			}
			EmissionTotals::<T>::mutate(|t| t.swept = t.swept.saturating_add(unpaid));
		}
		Budgets::<T>::remove(oldest);
		OldestBudget::<T>::put(oldest.saturating_add(1));
		Self::deposit_event(Event::RewardsExpired { epoch: oldest, amount: unpaid });
		true
	}

	/// Where `device`'s unpaid `epoch` stands, given the epoch's budget.
	pub(crate) fn entry_state(
		device: DeviceId,
		epoch: EpochIndex,
		budget: Option<&EpochBudgetOf<T>>,
	) -> EntryState<T> {
		if epoch < OldestBudget::<T>::get() {
			return EntryState::Expired;
		}
		let Some(budget) = budget else {
			return if epoch >= NextToFund::<T>::get() {
				EntryState::NotFunded
			} else {
				EntryState::Expired
			};
		};
		if budget.halted {
			return EntryState::Halted;
		}
		let Some((class, points)) = T::Scores::device_points(epoch, device) else {
			return EntryState::NoPoints;
		};
		let total = T::Scores::class_total(epoch, class);
		let c = &budget.classes[class];
		let amount = pro_rata(c.budget, points, total).min(c.budget.saturating_sub(c.settled));
		let assets = budget
			.programs
			.iter()
			.enumerate()
			.filter(|(_, p)| p.class == class)
			.map(|(i, p)| {
				let a = pro_rata(p.budget, points, total).min(p.budget.saturating_sub(p.settled));
				(i, p.asset.clone(), a)
			})
			.filter(|(_, _, a)| !a.is_zero())
			.collect();
		let computed = Computed { class, points, total, amount, assets };
		if T::Scores::is_settleable(epoch, device) {
			EntryState::Payable(computed)
		} else {
			EntryState::Maturing(computed)
		}
	}

	/// Settles and pays `devices` for `who`; returns the number of epoch entries settled.
	/// Settles and pays `devices`; returns the entries settled and the weight the paid hook used.
	pub(crate) fn do_claim(
		who: &T::AccountId,
		devices: &[DeviceId],
	) -> Result<(u32, Weight), DispatchError> {
		let mut told = Weight::zero();
		let mut budgets: BTreeMap<EpochIndex, (Option<EpochBudgetOf<T>>, bool)> = BTreeMap::new();
		let mut room = T::MaxSettlePerClaim::get();
		let mut settled_entries = 0u32;
		let (mut paid_any, mut cleared_any, mut expired, mut halted) = (false, false, false, false);
		// (vault, epoch, class, weighted points) settled for vaults.
		let mut vault_paid: Vec<(VaultId, EpochIndex, DeviceClass, Points)> = Vec::new();
		for &device in devices {
			let info = T::Devices::device(device).ok_or(Error::<T>::DeviceNotFound)?;
			// Anyone may claim a device that pays a vault: its holders must be able to collect.
			// An operator claims only while its state still names it one.
			let operates = info.operator.as_ref() == Some(who)
				&& <T::Roles as atlas_primitives::RoleProvider<_>>::has_role(
					info.state,
					who,
					atlas_primitives::Role::Operator,
				);
			if *who != info.owner && !operates && info.vault.is_none() {
				ensure!(
					ClaimPermissions::<T>::get(&info.owner) == Some(ClaimPermission::Anyone),
					Error::<T>::NotAllowedToClaim
				);
			}
			let Some(mut ledger) = Ledgers::<T>::get(device) else { continue };
			let mut keep: BoundedVec<EpochIndex, T::MaxPendingEpochs> = BoundedVec::new();
			let mut amount: BalanceOf<T> = Zero::zero();
			// What the host state's pool takes of `amount`: each epoch at the co-use terms in
			// force over it (never an agreement made after it).
			let mut hosted: BalanceOf<T> = Zero::zero();
			let length = T::Scores::epoch_length().max(1);
			for &epoch in ledger.pending.iter() {
				if room == 0 {
					let _ = keep.try_push(epoch);
					continue;
				}
				let (budget, dirty) =
					budgets.entry(epoch).or_insert_with(|| (Budgets::<T>::get(epoch), false));
				match Self::entry_state(device, epoch, budget.as_ref()) {
					EntryState::Expired => expired = true,
					EntryState::NoPoints => cleared_any = true,
					EntryState::NotFunded | EntryState::Maturing(_) => {
						let _ = keep.try_push(epoch);
					},
					EntryState::Halted => {
						halted = true;
						let _ = keep.try_push(epoch);
					},
					EntryState::Payable(c) => {
						let Some(b) = budget.as_mut() else { continue };
						let class = &mut b.classes[c.class];
						class.settled = class.settled.saturating_add(c.amount);
						// Partner assets are minted now or waived: ATH settlement never waits
						// for an asset its issuer may freeze.
						for (i, asset, a) in c.assets {
							if let Some(p) = b.programs.get_mut(i) {
								p.settled = p.settled.saturating_add(a);
							}
							let minted = <T::Assets as fungibles::Mutate<_>>::mint_into(
								asset.clone(),
								&info.owner,
								a,
							)
							.is_ok();
							let (device, owner, amount) = (device, info.owner.clone(), a);
							Self::deposit_event(if minted {
								paid_any = true;
								Event::AssetRewardPaid { device, asset, owner, amount }
							} else {
								Event::AssetRewardWaived { device, asset, owner, amount }
							});
						}
						*dirty = true;
						cleared_any = true;
						if let Some(leg) = ledger.vault {
							vault_paid.push((
								leg.vault,
								epoch,
								c.class,
								weighted(leg.share, c.points),
							));
						}
						amount = amount.saturating_add(c.amount);
						let from = epoch.saturating_mul(length);
						let host_share = <T::CoUse as atlas_primitives::CoUseTerms>::host_share(
							device,
							info.state,
							c.class,
							from,
							from.saturating_add(length),
						);
						told.saturating_accrue(<T::CoUse as atlas_primitives::CoUseTerms>::weight());
						hosted = hosted.saturating_add(host_share * c.amount);
						room = room.saturating_sub(1);
						settled_entries.saturating_inc();
						Self::deposit_event(Event::RewardSettled {
							device,
							epoch,
							class: c.class,
							points: c.points,
							class_total: c.total,
							amount: c.amount,
						});
					},
				}
			}
			ledger.pending = keep;
			if !amount.is_zero() {
				Self::pay_route(device, &info, amount, hosted)?;
				told.saturating_accrue(<T::OnRewardPaid as atlas_primitives::OnRewardPaid<
					BalanceOf<T>,
				>>::on_reward_paid(device, amount));
				EmissionTotals::<T>::mutate(|t| t.paid = t.paid.saturating_add(amount));
				paid_any = true;
			}
			if ledger.is_empty() {
				Ledgers::<T>::remove(device);
			} else {
				Ledgers::<T>::insert(device, ledger);
			}
		}
		for (epoch, (budget, dirty)) in budgets {
			if let (Some(b), true) = (budget, dirty) {
				Budgets::<T>::insert(epoch, b);
			}
		}
		for (vault, epoch, class, points) in vault_paid {
			Self::adjust_vault(vault, epoch, class, 0, points);
		}
		// A claim that only cleared worthless entries (no points, zero reward) succeeds, so the
		// device has room to report again.
		if !paid_any && !cleared_any {
			return Err(Self::nothing_paid(expired, halted).into());
		}
		Ok((settled_entries, told))
	}

	/// Why a claim that paid nothing fails: its epochs expired, were halted, or had nothing.
	pub(crate) fn nothing_paid(expired: bool, halted: bool) -> Error<T> {
		if expired {
			Error::<T>::RewardsExpired
		} else if halted {
			Error::<T>::CircuitBreakerTripped
		} else {
			Error::<T>::NothingToClaim
		}
	}

	/// Pays `amount` from the pot along `device`'s route, `hosted` of it (the co-use terms of
	/// the epochs it was earned in) owed to the host state's pool.
	fn pay_route(
		device: DeviceId,
		info: &DeviceSummary<T::AccountId>,
		amount: BalanceOf<T>,
		hosted: BalanceOf<T>,
	) -> DispatchResult {
		let route = T::Devices::reward_route(device).ok_or(Error::<T>::DeviceNotFound)?;
		validate_route(&route).map_err(|_| Error::<T>::InvalidRoute)?;
		let pot = Self::pot();
		let pay = |to: &T::AccountId, part| {
			T::Currency::transfer(&pot, to, part, Preservation::Preserve).map(|_| ())
		};
		let mut left = amount;
		let last = route.len().saturating_sub(1);
		for (i, leg) in route.iter().enumerate() {
			let mut part = if i == last { left } else { (leg.share * amount).min(left) };
			left = left.saturating_sub(part);
			// Shared under co-use agreements: the host's pool takes its share of every leg but
			// a vault's (valued in full) and the pool's own.
			if !hosted.is_zero()
				&& !matches!(leg.beneficiary, Beneficiary::Vault(_) | Beneficiary::CommunityPool)
			{
				// The leg's part of what the host is owed: `part × hosted / amount`.
				let cut = atlas_primitives::mul_rational(
					part,
					hosted.saturated_into(),
					amount.saturated_into(),
					sp_runtime::Rounding::Down,
				);
				if !cut.is_zero() && pay(&Self::pool(info.state), cut).is_ok() {
					part = part.saturating_sub(cut);
					Self::deposit_event(Event::HostSharePaid {
						device,
						state: info.state,
						amount: cut,
					});
				}
			}
			if part.is_zero() {
				continue;
			}
			let paid = match &leg.beneficiary {
				Beneficiary::Owner => pay(&info.owner, part).map(|_| Beneficiary::Owner),
				Beneficiary::Account(a) => pay(a, part).map(|_| leg.beneficiary.clone()),
				Beneficiary::CommunityPool => {
					pay(&Self::pool(info.state), part).map(|_| Beneficiary::CommunityPool)
				},
				Beneficiary::Vault(v) => {
					frame_support::storage::with_storage_layer(|| T::Sink::receive(*v, &pot, part))
						.map(|_| leg.beneficiary.clone())
				},
				Beneficiary::Stake => frame_support::storage::with_storage_layer(|| {
					pay(&info.owner, part)?;
					let mut stake = Stakes::<T>::get(&info.owner).unwrap_or_default();
					stake.active = stake.active.saturating_add(part);
					Self::set_stake(&info.owner, stake)?;
					Self::deposit_event(Event::Staked { who: info.owner.clone(), amount: part });
					Ok(Beneficiary::Stake)
				}),
			};
			// A leg that cannot be paid (below the existential deposit, a vault refusing) goes
			// to the owner; what the owner cannot receive either (dust to an account that does
			// not exist) goes to the treasury, so no device is ever unclaimable.
			let paid = match paid {
				Ok(b) => b,
				Err(_) => match pay(&info.owner, part) {
					Ok(()) => Beneficiary::Owner,
					Err(_) => {
						let treasury = T::Treasury::get();
						pay(&treasury, part)?;
						Beneficiary::Account(treasury)
					},
				},
			};
			Self::deposit_event(Event::RewardPaid { device, beneficiary: paid, amount: part });
		}
		Ok(())
	}

	/// What `device` can claim now and what is maturing.
	pub fn pending_of(device: DeviceId) -> PendingRewards<AssetIdOf<T>, BalanceOf<T>> {
		let mut out = PendingRewards::default();
		let Some(ledger) = Ledgers::<T>::get(device) else { return out };
		let add = |list: &mut Vec<(AssetIdOf<T>, BalanceOf<T>)>, asset: AssetIdOf<T>, a| match list
			.iter_mut()
			.find(|(x, _)| *x == asset)
		{
			Some((_, v)) => *v = v.saturating_add(a),
			None => list.push((asset, a)),
		};
		for &epoch in ledger.pending.iter() {
			match Self::entry_state(device, epoch, Budgets::<T>::get(epoch).as_ref()) {
				EntryState::Payable(c) => {
					out.claimable = out.claimable.saturating_add(c.amount);
					for (_, asset, a) in c.assets {
						add(&mut out.assets, asset, a);
					}
					out.epochs.push(epoch);
				},
				EntryState::Maturing(c) => {
					out.maturing = out.maturing.saturating_add(c.amount);
					out.epochs.push(epoch);
				},
				EntryState::Halted | EntryState::NotFunded => out.epochs.push(epoch),
				EntryState::Expired | EntryState::NoPoints => {},
			}
		}
		out
	}

	/// The pending rewards of one page of `owner`'s devices (up to `limit`, at most 100, after
	/// `cursor`), with their sums.
	pub fn owner_rewards(
		owner: &T::AccountId,
		cursor: Option<DeviceId>,
		limit: u32,
	) -> atlas_primitives::OwnerRewards<BalanceOf<T>, PendingRewards<AssetIdOf<T>, BalanceOf<T>>> {
		let page = T::Devices::devices_of(owner, cursor, limit);
		let items: Vec<_> = page.items.into_iter().map(|id| (id, Self::pending_of(id))).collect();
		let claimable =
			items.iter().fold(BalanceOf::<T>::zero(), |a, (_, p)| a.saturating_add(p.claimable));
		let maturing =
			items.iter().fold(BalanceOf::<T>::zero(), |a, (_, p)| a.saturating_add(p.maturing));
		atlas_primitives::OwnerRewards {
			claimable,
			maturing,
			devices: atlas_primitives::Page { items, next: page.next },
		}
	}

	/// `device`'s receipt for an unpaid `epoch`.
	pub fn receipt(
		device: DeviceId,
		epoch: EpochIndex,
	) -> Option<Receipt<AssetIdOf<T>, BalanceOf<T>>> {
		let ledger = Ledgers::<T>::get(device)?;
		if !ledger.pending.contains(&epoch) {
			return None;
		}
		let budget = Budgets::<T>::get(epoch)?;
		let (c, payable) = match Self::entry_state(device, epoch, Some(&budget)) {
			EntryState::Payable(c) => (c, true),
			EntryState::Maturing(c) => (c, false),
			_ => return None,
		};
		Some(Receipt {
			epoch,
			class: c.class,
			points: c.points,
			class_total: c.total,
			class_budget: budget.classes[c.class].budget,
			amount: c.amount,
			assets: c.assets.into_iter().map(|(_, asset, a)| (asset, a)).collect(),
			payable,
			attested: T::Scores::attested(epoch, device),
		})
	}

	/// Checks the pallet's invariants: minted = paid + swept + what the kept budgets still owe
	/// (so settled plus pending never exceed what was minted), and the pot holds what is owed;
	/// class shares sum to 100 %; routes of devices with unpaid epochs sum to 100 %; frozen
	/// stake equals what is stored; active programs exist. (What program deposits cost is the
	/// runtime's choice, made through the consideration: held balances are not compared with
	/// the programs here.)
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectFreeze;
		let totals = EmissionTotals::<T>::get();
		let mut owed = BalanceOf::<T>::zero();
		for (_, budget) in Budgets::<T>::iter() {
			for c in budget.classes.values() {
				ensure!(c.settled <= c.budget, "a class settled more than its budget");
				owed = owed.saturating_add(c.budget.saturating_sub(c.settled));
			}
			let v = &budget.verifiers;
			ensure!(v.settled <= v.budget, "verifiers were paid more than their budget");
			owed = owed.saturating_add(v.budget.saturating_sub(v.settled));
			for p in budget.programs.iter() {
				ensure!(p.settled <= p.budget, "a program settled more than its budget");
			}
		}
		ensure!(
			totals.paid.saturating_add(totals.swept).saturating_add(owed) == totals.minted,
			"minted differs from paid + swept + owed"
		);
		ensure!(
			T::Currency::balance(&Self::pot()) >= owed,
			"the pot holds less than the budgets owe"
		);
		ensure!(shares_whole(&ClassShares::<T>::get()), "class shares do not sum to 100 %");
		for (device, ledger) in Ledgers::<T>::iter() {
			ensure!(!ledger.is_empty(), "an empty ledger is stored");
			if let Some(route) = T::Devices::reward_route(device) {
				ensure!(validate_route(&route).is_ok(), "a route does not sum to 100 %");
			}
		}
		let reason = FreezeReason::RewardStake.into();
		for (who, stake) in Stakes::<T>::iter() {
			ensure!(
				T::Currency::balance_frozen(&reason, &who)
					== stake.active.saturating_add(stake.unbonding),
				"frozen stake differs from stored"
			);
		}
		Self::check_vaults()?;
		for id in ActivePrograms::<T>::get() {
			ensure!(Programs::<T>::contains_key(id), "an active program does not exist");
		}
		ensure!(
			Programs::<T>::iter_keys().count() == ActivePrograms::<T>::get().len(),
			"a program is not in the active list"
		);
		Ok(())
	}
}

impl<T: Config> atlas_primitives::RewardLedger for Pallet<T> {
	fn has_unpaid(device: DeviceId) -> bool {
		Ledgers::<T>::contains_key(device)
	}

	fn on_removed(device: DeviceId) -> Weight {
		let Some(ledger) = Ledgers::<T>::take(device) else {
			return T::DbWeight::get().reads(1);
		};
		let epochs = ledger.pending.len() as u32;
		if let Some(leg) = ledger.vault {
			let counted: Vec<_> = ledger
				.pending
				.iter()
				.filter_map(|&e| {
					T::Scores::device_points(e, device).map(|(c, p)| (e, c, weighted(leg.share, p)))
				})
				.collect();
			Self::unaccrue_vault(leg.vault, &counted);
		}
		Self::deposit_event(Event::RewardsForfeited { device, epochs });
		Self::removal_weight_of(epochs)
	}

	fn removal_weight() -> Weight {
		Self::removal_weight_of(T::MaxPendingEpochs::get())
	}
}

impl<T: Config> OnReport for Pallet<T> {
	fn can_take(
		device: DeviceId,
		epoch: EpochIndex,
		points: Points,
		vault: Option<VaultLeg>,
	) -> bool {
		let oldest = OldestBudget::<T>::get();
		// Expired epochs pay nothing any more and make room.
		let live = |pending: &[EpochIndex]| pending.iter().filter(|e| **e >= oldest).count();
		let pending = Ledgers::<T>::get(device).map_or(0, |l| live(&l.pending));
		pending < T::MaxPendingEpochs::get() as usize
			&& vault.is_none_or(|leg| {
				// Only a device the vault admitted pays it, and it holds a bounded part of the
				// vault's epochs.
				T::Sink::admits(leg.vault, device)
					&& pending < T::MaxVaultEpochsPerDevice::get() as usize
					&& (weighted(leg.share, points) == 0
						|| VaultAccruals::<T>::get(leg.vault).is_none_or(|list| {
							list.iter().any(|e| e.epoch == epoch)
								|| list.iter().filter(|e| e.epoch >= oldest).count()
									< T::MaxVaultEpochs::get() as usize
						}))
			})
	}

	fn on_report(
		device: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		points: Points,
		vault: Option<VaultLeg>,
	) {
		let oldest = OldestBudget::<T>::get();
		let stored = Ledgers::<T>::mutate(device, |entry| {
			let ledger = entry.get_or_insert_with(Default::default);
			ledger.pending.retain(|e| *e >= oldest);
			ledger.vault = vault;
			ledger.pending.try_push(epoch).is_ok()
		});
		// `can_take` allowed this report in the same transaction, so both have room.
		let counted = vault.is_none_or(|leg| {
			Self::adjust_vault(leg.vault, epoch, class, weighted(leg.share, points), 0)
		});
		if !(stored && counted) {
			frame_support::defensive!("a report was taken without room in the ledger");
		}
	}

	fn vault_weight() -> Weight {
		// With the vault's admission of the device, read in `can_take`.
		T::WeightInfo::note_vault_points().saturating_add(T::DbWeight::get().reads(1))
	}

	fn on_points_changed(
		_: DeviceId,
		epoch: EpochIndex,
		class: DeviceClass,
		old: Points,
		new: Points,
		vault: Option<VaultLeg>,
	) {
		if let Some(leg) = vault {
			Self::adjust_vault(
				leg.vault,
				epoch,
				class,
				weighted(leg.share, new),
				weighted(leg.share, old),
			);
		}
	}
}

impl<T: Config> atlas_primitives::RewardValue<BalanceOf<T>> for Pallet<T> {
	fn reward_of(epoch: EpochIndex, class: DeviceClass, points: Points) -> BalanceOf<T> {
		// An epoch not funded yet is valued at the latest funded one's budget: the fine of a
		// fraud ruled before funding must not be zero for want of a figure.
		let budget = Budgets::<T>::get(epoch).or_else(|| {
			NextToFund::<T>::get().checked_sub(1).and_then(|last| Budgets::<T>::get(last))
		});
		let Some(budget) = budget else { return Zero::zero() };
		let total = T::Scores::class_total(epoch, class).max(points);
		pro_rata(budget.classes[class].budget, points, total)
	}
}
