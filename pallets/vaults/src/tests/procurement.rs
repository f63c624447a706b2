//! Procurement: a passed reinvestment escrows its price; the vendor delivers devices into the
//! vault's custody and is paid as they are activated; the rest returns after the deadline.

use super::*;
use crate::Purchases;
use atlas_primitives::{DeviceId, DeviceRegistry};

/// Two devices the vendor registered (not active yet).
const D1: DeviceId = 20;
const D2: DeviceId = 21;
/// The last block a device may be delivered in.
const DELIVER_BY: u64 = 100;

/// Vault 0 with holders; a passed reinvestment buying two devices from VENDOR for `amount`.
fn with_purchase(amount: Balance) {
	with_holders();
	MockDevices::register(D1, VENDOR);
	MockDevices::register(D2, VENDOR);
	let action =
		ProposalAction::Reinvest { vendor: VENDOR, amount, devices: 2, deliver_by: DELIVER_BY };
	assert_eq!(pass(action), Outcome::Executed);
}

fn deliver(who: AccountId, device: DeviceId) -> DispatchResult {
	Vaults::deliver(RuntimeOrigin::signed(who), 0, 0, device)
}

fn release(device: DeviceId) -> DispatchResult {
	Vaults::release(RuntimeOrigin::signed(CHARLIE), 0, 0, device)
}

fn escrow() -> Balance {
	held(HoldReason::PurchaseEscrow, Vaults::account(0))
}

#[test]
fn a_passed_reinvestment_puts_its_price_in_escrow() {
	run_test(|| {
		with_holders();
		let (nav, redemption) = (Vaults::nav(0), Vaults::redemption_nav(0));
		let action =
			ProposalAction::Reinvest { vendor: VENDOR, amount: 600, devices: 2, deliver_by: 100 };
		assert_eq!(pass(action), Outcome::Executed);
		assert!(events().contains(&Event::PurchaseOpened {
			vault: 0,
			purchase: 0,
			vendor: VENDOR,
			amount: 600,
			devices: 2,
			deliver_by: 100,
		}));
		assert_eq!(escrow(), 600);
		assert_eq!(liquid(), 3_000 - 600);
		// Deposits still pay for the escrow; redemptions no longer count it.
		assert_eq!(Vaults::nav(0), nav);
		assert_eq!(Vaults::redemption_nav(0), redemption - 600);
		let p = Purchases::<Test>::get(0, 0).unwrap();
		assert_eq!((p.vendor, p.escrow, p.unpaid, p.deliver_by), (VENDOR, 600, 2, 100));
		assert!(p.delivered.is_empty());
		assert_eq!(vault().purchases, 1);
		let view = Vaults::view(0).unwrap();
		assert_eq!((view.escrowed, view.nav, view.purchases.len()), (600, nav, 1));
		assert_eq!(balance(VENDOR), 0);
	});
}

#[test]
fn the_vendor_is_paid_as_delivered_devices_are_activated() {
	run_test(|| {
		with_purchase(601);
		// D1 is not active yet: delivered into custody, not paid.
		assert_ok!(deliver(VENDOR, D1));
		assert!(events().contains(&Event::DeviceDelivered { vault: 0, purchase: 0, device: D1 }));
		let summary = MockDevices::device(D1).unwrap();
		assert_eq!(summary.owner, Vaults::account(0));
		assert_eq!(summary.vault.map(|l| (l.vault, l.share)), Some((0, Perbill::one())));
		assert!(vault().devices.contains(&D1));
		assert!(<Vaults as RewardSink<_, _>>::admits(0, D1));
		assert_eq!(Purchases::<Test>::get(0, 0).unwrap().delivered.to_vec(), vec![D1]);
		assert_noop!(release(D1), Error::<Test>::DeviceNotActive);
		// Its state's steward activates it: anyone releases its half of the escrow.
		MockDevices::activate(D1);
		assert_ok!(release(D1));
		assert_eq!(balance(VENDOR), 300);
		assert_eq!(escrow(), 301);
		assert_noop!(release(D1), Error::<Test>::NotDelivered);
		// D2 is active before delivery: paid at once, with the rounding; the purchase closes.
		MockDevices::activate(D2);
		assert_ok!(deliver(VENDOR, D2));
		assert!(events().contains(&Event::VendorPaid {
			vault: 0,
			purchase: 0,
			device: D2,
			vendor: VENDOR,
			amount: 301,
		}));
		assert!(events().contains(&Event::PurchaseClosed { vault: 0, purchase: 0, refunded: 0 }));
		assert_eq!(balance(VENDOR), 601);
		assert_eq!((escrow(), vault().purchases), (0, 0));
		assert!(Purchases::<Test>::get(0, 0).is_none());
		assert_eq!(vault().devices.to_vec(), vec![D1, D2]);
	});
}

#[test]
fn delivery_and_release_check_their_purchase() {
	run_test(|| {
		with_purchase(600);
		MockDevices::register(22, VENDOR);
		MockDevices::register(23, BOB);
		assert_noop!(
			Vaults::deliver(RuntimeOrigin::signed(VENDOR), 0, 9, D1),
			Error::<Test>::PurchaseNotFound
		);
		assert_noop!(
			Vaults::deliver(RuntimeOrigin::signed(VENDOR), 5, 0, D1),
			Error::<Test>::VaultNotFound
		);
		assert_noop!(deliver(BOB, 23), Error::<Test>::NotVendor);
		// The vendor cannot deliver a device it does not own.
		assert_noop!(deliver(VENDOR, 23), sp_runtime::DispatchError::Other("not the owner"));
		assert_ok!(deliver(VENDOR, D1));
		assert_noop!(deliver(VENDOR, D1), Error::<Test>::DeviceAlreadyAttached);
		assert_ok!(deliver(VENDOR, D2));
		assert_noop!(deliver(VENDOR, 22), Error::<Test>::AllDelivered);
		assert_noop!(release(22), Error::<Test>::NotDelivered);
		assert_noop!(
			Vaults::release(RuntimeOrigin::signed(CHARLIE), 0, 9, D1),
			Error::<Test>::PurchaseNotFound
		);
		assert_noop!(
			Vaults::close_purchase(RuntimeOrigin::signed(CHARLIE), 0, 0),
			Error::<Test>::DeliveryOpen
		);
		assert_noop!(
			Vaults::close_purchase(RuntimeOrigin::signed(CHARLIE), 0, 9),
			Error::<Test>::PurchaseNotFound
		);
	});
}

#[test]
fn what_is_not_delivered_by_the_deadline_returns_to_the_vault() {
	run_test(|| {
		with_purchase(600);
		assert_ok!(deliver(VENDOR, D1));
		run_to(DELIVER_BY + 1);
		assert_noop!(deliver(VENDOR, D2), Error::<Test>::DeliveryClosed);
		let before = liquid();
		assert_ok!(Vaults::close_purchase(RuntimeOrigin::signed(CHARLIE), 0, 0));
		assert!(events().contains(&Event::PurchaseClosed { vault: 0, purchase: 0, refunded: 600 }));
		assert_eq!(liquid(), before + 600);
		assert_eq!((escrow(), vault().purchases, balance(VENDOR)), (0, 0, 0));
		// The delivered device stays the vault's, paid for or not.
		assert_eq!(MockDevices::owner(D1), Vaults::account(0));
		assert!(vault().devices.contains(&D1));
	});
}

/// Attack (escrow sandwich): a refund moves escrow back to free ATH at a block anyone can
/// see coming. Were escrow left out of the deposit price, a deposit just before the refund and
/// a redemption just after would take part of it; a holder redeeming just before the vendor is
/// paid would take part of the price. Escrow counts in what deposits pay and not in what
/// redemptions pay, so neither gains.
#[test]
fn no_one_gains_by_timing_a_refund_or_a_payment() {
	run_test(|| {
		with_purchase(600);
		assert_ok!(deliver(VENDOR, D1));
		// Charlie deposits just before the refund and redeems just after.
		assert_ok!(deposit(CHARLIE, 1_000));
		let got = shares(CHARLIE);
		run_to(DELIVER_BY + 1);
		assert_ok!(Vaults::close_purchase(RuntimeOrigin::signed(CHARLIE), 0, 0));
		let before = balance(CHARLIE);
		assert_ok!(redeem(CHARLIE, got));
		assert!(balance(CHARLIE) - before <= 1_000, "the refund paid the sandwich");
	});
	run_test(|| {
		with_purchase(600);
		assert_ok!(deliver(VENDOR, D1));
		MockDevices::activate(D1);
		// What Bob's shares redeem for does not change when the vendor is paid.
		let value = Vaults::value_of(0, 1_000);
		assert_ok!(release(D1));
		assert_eq!(Vaults::value_of(0, 1_000), value);
	});
}

#[test]
fn a_vault_hands_on_a_device_it_owns_only_by_vote() {
	run_test(|| {
		with_purchase(600);
		MockDevices::activate(D1);
		assert_ok!(deliver(VENDOR, D1));
		// Detached, a device whose route is fixed on the vault could never report again.
		assert_noop!(
			propose(ALICE, ProposalAction::DetachDevice(D1)),
			Error::<Test>::DeviceInCustody
		);
		let action = ProposalAction::TransferDevice { device: D1, to: BOB };
		assert!(action.is_spend() && action.is_vetoable());
		assert_eq!(pass(action), Outcome::Executed);
		assert!(events().contains(&Event::DeviceHandedOver { vault: 0, device: D1, to: BOB }));
		assert_eq!(MockDevices::owner(D1), BOB);
		assert!(!vault().devices.contains(&D1));
		assert!(!<Vaults as RewardSink<_, _>>::admits(0, D1));
	});
}
