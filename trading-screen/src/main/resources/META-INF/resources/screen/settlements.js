// The account's trades on their way through settlement: PENDING, then SETTLED, or FAILED with the reason; live from
// settlement-service's settlements stream.
import * as api from './api.js';
import { byTest, fill, h, streamIndicator } from './dom.js';
import * as format from './format.js';

const SHOWN = 50;

let accountId = null;
let settlements = new Map();
// Newest first: the snapshot's order, then each trade first seen later above it.
let rank = new Map();
let seen = 0;

export function start() {
  api.followAccount(reset, follow);
}

function reset(account) {
  accountId = account;
  settlements = new Map();
  rank = new Map();
  render();
}

function follow(account) {
  return api.stream('settlement', `/api/v1/streams/settlements?accountId=${encodeURIComponent(account)}`, {
    snapshot: (data) => {
      const list = data.settlements || [];
      settlements = new Map(list.map((s) => [s.tradeId, s]));
      rank = new Map(list.map((s, i) => [s.tradeId, -i]));
      seen = 0;
      render();
    },
    settlement: (settlement) => {
      if (!rank.has(settlement.tradeId)) rank.set(settlement.tradeId, ++seen);
      settlements.set(settlement.tradeId, settlement);
      render();
    },
  }, streamIndicator(byTest('settlements-stream')));
}

function render() {
  const all = [...settlements.values()]
    .sort((a, b) => (rank.get(b.tradeId) ?? 0) - (rank.get(a.tradeId) ?? 0)).slice(0, SHOWN);
  fill(byTest('settlement-rows'), all.length ? all.map((s) => {
    const side = s.buyerAccountId === accountId ? 'BUY' : s.sellerAccountId === accountId ? 'SELL' : '';
    const flags = [s.failureReason, s.overdueSince ? 'overdue' : null, s.parkedAt ? 'parked' : null].filter(Boolean);
    return h('tr', { dataset: { test: 'settlement-row', tradeId: s.tradeId, status: s.status } },
      h('td', { class: 'mono dim', title: s.tradeId }, format.tradeRef(s.tradeId)),
      h('td', {}, s.symbol),
      h('td', { class: format.sideClass(side) }, side),
      h('td', { class: 'num' }, format.quantity(s.quantity)),
      h('td', { class: 'num' }, format.price(s.price)),
      h('td', { class: `status s-${s.status}`, dataset: { test: 'settlement-status' } }, s.status,
        flags.length ? h('span', { class: 'dim', dataset: { test: 'settlement-reason' } }, ` ${flags.join(', ')}`) : null));
  }) : h('tr', {}, h('td', { colspan: 6, class: 'dim' }, accountId ? 'no trades to settle yet' : '')));
}
