package io.bourse.benchmarks.flow;

/**
 * One request of the open loop: an order to place or an earlier order to cancel. Symbols and accounts are indexes
 * into the run's lists; prices are in cents (the instruments' tick is 0.01).
 *
 * The slot is the request's place in the schedule (its due time is slot / rate after the start), the unit the
 * unit of work it belongs to (both orders of a crossing pair share it), and the target the
 * slot of the order a cancel deletes (-1 for placements).
 */
record Request(int slot, int unit, Kind kind, Role role, int symbol, int account, Side side, boolean market,
               long quantity, long priceCents, int target) {

    Request at(int newSlot) {
        return new Request(newSlot, unit, kind, role, symbol, account, side, market, quantity, priceCents, target);
    }

    boolean isCancel() {
        return role == Role.CANCEL;
    }

    String price() {
        return priceCents / 100 + "." + String.format("%02d", priceCents % 100);
    }
}
