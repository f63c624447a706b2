//! Reads: a vault's view and the paged list of vaults.

use super::*;

#[test]
fn view_shows_the_vault() {
	run_test(|| {
		assert_eq!(Vaults::view(0), None);
		assert_eq!(Vaults::value_of(0, 1), None);
		create();
		assert_ok!(deposit(ALICE, 1_000));
		MockYield::earn(0, 500);
		MockYield::earn_maturing(0, 40);
		let id = proposed(ALICE, spend(100));
		assert_ok!(vote(ALICE, id, true, 200));
		let view = Vaults::view(0).unwrap();
		assert_eq!(
			view,
			VaultView {
				id: 0,
				name: NAME.to_vec(),
				account: Vaults::account(0),
				share_asset: SHARE_BASE,
				sponsors: vec![STATE],
				params: params(),
				devices: vec![],
				liquid: 2_000,
				escrowed: 0,
				unpaid_yield: 540,
				certain_yield: 500,
				nav: 2_540,
				redemption_nav: 2_500,
				share_supply: 2_000,
				proposals: vec![(id, proposal(id))],
				purchases: vec![],
				commitments: vec![],
			}
		);
		assert_eq!(view.proposals[0].1.ayes, 200);
		assert_eq!(Vaults::vault(0), Some(view));
		assert_eq!(Vaults::vault(1), None);

		// What shares redeem for leaves maturing yield out: 1_000 × 2_500 / 2_000;
		// 3 × 2_500 / 2_000 = 3.75, rounded down.
		assert_eq!(Vaults::value_of(0, 1_000), Some(1_250));
		assert_eq!(Vaults::value_of(0, 3), Some(3));
		assert_eq!(Vaults::value_of(0, 0), Some(0));
		assert_eq!(Vaults::share_value(0, 1_000), Some(1_250));
		assert_eq!(Vaults::share_value(1, 1_000), None);
	});
}

#[test]
fn vaults_are_listed_in_pages() {
	run_test(|| {
		assert!(Vaults::vaults(None, 10).is_empty());
		create();
		assert_ok!(create_vault(PARTNER_ADMIN, PARTNER, b"Wind", params(), 2_000));
		assert_ok!(create_vault(ADMIN, STATE, b"Hydro", params(), 3_000));
		let ids = |page: Vec<crate::VaultViewOf<Test>>| -> Vec<VaultId> {
			page.into_iter().map(|v| v.id).collect()
		};
		assert_eq!(ids(Vaults::vaults(None, 1)), vec![0]);
		assert_eq!(ids(Vaults::vaults(Some(0), 1)), vec![1]);
		assert_eq!(ids(Vaults::vaults(Some(1), 1)), vec![2]);
		assert_eq!(ids(Vaults::vaults(Some(2), 1)), Vec::<VaultId>::new());
		assert_eq!(ids(Vaults::vaults(None, 10)), vec![0, 1, 2]);
		assert_eq!(ids(Vaults::vaults(Some(0), 10)), vec![1, 2]);
		assert_eq!(ids(Vaults::vaults(None, 0)), Vec::<VaultId>::new());
		assert_eq!(ids(Vaults::vaults(Some(VaultId::MAX), 10)), Vec::<VaultId>::new());
		let page = Vaults::vaults(Some(0), 1);
		assert_eq!(page[0], Vaults::view(1).unwrap());
		assert_eq!(page[0].name, b"Wind".to_vec());
		assert_eq!(page[0].sponsors, vec![PARTNER]);
		assert_eq!(page[0].share_asset, SHARE_BASE + 1);
		assert_eq!(page[0].share_supply, 2_000);
	});
}

#[test]
fn vaults_pages_hold_at_most_a_hundred() {
	run_test(|| {
		create();
		// The mock cannot hold a hundred real vaults (see `vaults_have_distinct_accounts`):
		// copies of vault 0 are stored for the listing and removed afterwards.
		let info = vault();
		for id in 1..=100 {
			crate::Vaults::<Test>::insert(id, info.clone());
		}
		NextVaultId::<Test>::put(101);
		let page = Vaults::vaults(None, u32::MAX);
		assert_eq!(page.len(), 100);
		assert_eq!(page.first().unwrap().id, 0);
		assert_eq!(page.last().unwrap().id, 99);
		assert_eq!(Vaults::vaults(None, 100).len(), 100);
		let rest = Vaults::vaults(Some(99), 100);
		assert_eq!(rest.len(), 1);
		assert_eq!(rest[0].id, 100);
		assert_eq!(rest[0].name, NAME.to_vec());
		for id in 1..=100 {
			crate::Vaults::<Test>::remove(id);
		}
		NextVaultId::<Test>::put(1);
	});
}
