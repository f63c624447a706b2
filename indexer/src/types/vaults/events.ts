import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v101 from '../v101'

export const vaultCreated =  {
    name: 'Vaults.VaultCreated',
    /**
     * A vault was created by a network state.
     */
    v101: new EventType(
        'Vaults.VaultCreated',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * Its first sponsor.
             */
            state: sts.number(),
            /**
             * Who created it.
             */
            creator: v101.AccountId32,
            /**
             * Its share token.
             */
            shareAsset: sts.number(),
            /**
             * Its account.
             */
            account: v101.AccountId32,
            /**
             * The seed it starts with (its shares belong to the vault itself).
             */
            seed: sts.bigint(),
        })
    ),
}

export const deposited =  {
    name: 'Vaults.Deposited',
    /**
     * ATH was deposited for shares.
     */
    v101: new EventType(
        'Vaults.Deposited',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The depositor.
             */
            who: v101.AccountId32,
            /**
             * ATH paid in.
             */
            amount: sts.bigint(),
            /**
             * Shares minted.
             */
            shares: sts.bigint(),
        })
    ),
}

export const redeemed =  {
    name: 'Vaults.Redeemed',
    /**
     * Shares were redeemed for ATH.
     */
    v101: new EventType(
        'Vaults.Redeemed',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The holder.
             */
            who: v101.AccountId32,
            /**
             * Shares burnt.
             */
            shares: sts.bigint(),
            /**
             * ATH paid out.
             */
            amount: sts.bigint(),
        })
    ),
}

export const yieldReceived =  {
    name: 'Vaults.YieldReceived',
    /**
     * A device's rewards reached the vault.
     */
    v101: new EventType(
        'Vaults.YieldReceived',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * ATH received.
             */
            amount: sts.bigint(),
        })
    ),
}

export const proposed =  {
    name: 'Vaults.Proposed',
    /**
     * A holder proposed something.
     */
    v101: new EventType(
        'Vaults.Proposed',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The proposal.
             */
            proposal: sts.number(),
            /**
             * Who proposed it.
             */
            proposer: v101.AccountId32,
            /**
             * What it does if it passes.
             */
            action: v101.ProposalAction,
            /**
             * Votes end at this block.
             */
            ends: sts.number(),
        })
    ),
}

export const voted =  {
    name: 'Vaults.Voted',
    /**
     * A holder voted.
     */
    v101: new EventType(
        'Vaults.Voted',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The proposal.
             */
            proposal: sts.number(),
            /**
             * The voter.
             */
            who: v101.AccountId32,
            /**
             * In favour or not.
             */
            aye: sts.boolean(),
            /**
             * Shares voted (frozen until the vote ends).
             */
            shares: sts.bigint(),
        })
    ),
}

export const vetoed =  {
    name: 'Vaults.Vetoed',
    /**
     * A sponsor state vetoed a spending proposal.
     */
    v101: new EventType(
        'Vaults.Vetoed',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The proposal.
             */
            proposal: sts.number(),
            /**
             * The sponsor that vetoed.
             */
            state: sts.number(),
        })
    ),
}

export const closed =  {
    name: 'Vaults.Closed',
    /**
     * A proposal was closed.
     */
    v101: new EventType(
        'Vaults.Closed',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The proposal.
             */
            proposal: sts.number(),
            /**
             * How it ended.
             */
            outcome: v101.Outcome,
            /**
             * Shares in favour.
             */
            ayes: sts.bigint(),
            /**
             * Shares against.
             */
            nays: sts.bigint(),
        })
    ),
}

export const spent =  {
    name: 'Vaults.Spent',
    /**
     * The vault paid an account for a community project (a passed proposal).
     */
    v101: new EventType(
        'Vaults.Spent',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * Who was paid.
             */
            to: v101.AccountId32,
            /**
             * How much.
             */
            amount: sts.bigint(),
        })
    ),
}

export const purchaseOpened =  {
    name: 'Vaults.PurchaseOpened',
    /**
     * A passed reinvestment opened a purchase: its price went into escrow.
     */
    v101: new EventType(
        'Vaults.PurchaseOpened',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The purchase.
             */
            purchase: sts.number(),
            /**
             * Who sells.
             */
            vendor: v101.AccountId32,
            /**
             * The price, in escrow.
             */
            amount: sts.bigint(),
            /**
             * Devices bought.
             */
            devices: sts.number(),
            /**
             * The last block a device may be delivered in.
             */
            deliverBy: sts.number(),
        })
    ),
}

export const vendorPaid =  {
    name: 'Vaults.VendorPaid',
    /**
     * A delivered device is active: its part of the escrow went to the vendor.
     */
    v101: new EventType(
        'Vaults.VendorPaid',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The purchase.
             */
            purchase: sts.number(),
            /**
             * The device.
             */
            device: sts.bigint(),
            /**
             * The vendor.
             */
            vendor: v101.AccountId32,
            /**
             * What it was paid.
             */
            amount: sts.bigint(),
        })
    ),
}

export const purchaseClosed =  {
    name: 'Vaults.PurchaseClosed',
    /**
     * A purchase ended: every device was paid for, or its delivery deadline passed and what
     * was left in escrow returned to the vault.
     */
    v101: new EventType(
        'Vaults.PurchaseClosed',
        sts.struct({
            /**
             * The vault.
             */
            vault: sts.number(),
            /**
             * The purchase.
             */
            purchase: sts.number(),
            /**
             * ATH returned to the vault.
             */
            refunded: sts.bigint(),
        })
    ),
}
