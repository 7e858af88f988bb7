// The account's orders (open ones first, with a cancel button, then those that ended) and its fills, live from
// order-service's orders stream. A click on an order opens its audit trail.
import * as api from './api.js';
import * as state from './state.js';
import * as audit from './audit.js';
import { byTest, fill, h, streamIndicator } from './dom.js';
import * as format from './format.js';

const DONE_SHOWN = 50;
const FILLS_SHOWN = 100;
const OPEN = new Set(['NEW', 'OPEN', 'PARTIALLY_FILLED']);

let accountId = null;
let orders = new Map();
let fills = [];
const cancelling = new Map();

export function start() {
  api.followAccount(reset, follow);
}

function reset(account) {
  accountId = account;
  orders = new Map();
  fills = [];
  cancelling.clear();
  render();
}

function follow(account) {
  const encoded = encodeURIComponent(account);
  return api.stream('order', `/api/v1/streams/orders?accountId=${encoded}`, {
    snapshot: (data) => {
      // The snapshot holds the orders that are not done; those that ended meanwhile are read back below.
      for (const [id, order] of orders) if (OPEN.has(order.status)) orders.delete(id);
      for (const order of data.orders || []) orders.set(order.orderId, order);
      render();
      readHistory(account);
    },
    order: (order) => {
      const known = orders.get(order.orderId);
      if (!known || (known.updatedAt || '') <= (order.updatedAt || '')) orders.set(order.orderId, order);
      if (!OPEN.has(order.status)) cancelling.delete(order.orderId);
      document.dispatchEvent(new CustomEvent('bourse:order', { detail: order }));
      render();
    },
    fill: (received) => {
      addFills([received]);
      state.tradedAt(received.symbol, received.price, received.executedAt);
      render();
    },
  }, streamIndicator(byTest('orders-stream')));
}

/** The orders that ended and the account's past trades, which the stream's snapshot does not hold. */
async function readHistory(account) {
  try {
    const [past, trades] = await Promise.all([
      api.get('order', `/api/v1/orders?accountId=${encodeURIComponent(account)}&limit=${DONE_SHOWN}`),
      api.get('order', `/api/v1/trades?accountId=${encodeURIComponent(account)}&limit=${FILLS_SHOWN}`),
    ]);
    if (account !== accountId) return;
    for (const order of past || []) {
      const known = orders.get(order.orderId);
      if (!known || (known.updatedAt || '') < (order.updatedAt || '')) orders.set(order.orderId, order);
    }
    const asFills = [];
    for (const trade of trades || []) {
      const base = { tradeId: trade.tradeId, symbol: trade.symbol, price: trade.price, quantity: trade.quantity,
        executedAt: trade.executedAt };
      if (trade.buyerAccountId === account) asFills.push({ ...base, orderId: trade.buyOrderId, side: 'BUY' });
      if (trade.sellerAccountId === account) asFills.push({ ...base, orderId: trade.sellOrderId, side: 'SELL' });
    }
    addFills(asFills);
    render();
  } catch (error) {
    byTest('orders-stream').title = `history not read: ${error.message}`;
  }
}

function addFills(received) {
  const key = (f) => `${f.tradeId}:${f.orderId}`;
  const seen = new Set(fills.map(key));
  for (const f of received) if (!seen.has(key(f))) fills.push(f);
  fills.sort((a, b) => (b.executedAt || '').localeCompare(a.executedAt || ''));
  if (fills.length > FILLS_SHOWN) fills.length = FILLS_SHOWN;
}

async function cancel(orderId) {
  cancelling.set(orderId, 'cancelling…');
  render();
  try {
    await api.del('order', `/api/v1/orders/${encodeURIComponent(orderId)}`);
  } catch (error) {
    cancelling.set(orderId, `not cancelled: ${error.message}`);
    render();
  }
}

function render() {
  const all = [...orders.values()];
  const open = all.filter((o) => OPEN.has(o.status)).sort((a, b) => (b.createdAt || '').localeCompare(a.createdAt || ''));
  const done = all.filter((o) => !OPEN.has(o.status))
    .sort((a, b) => (b.updatedAt || '').localeCompare(a.updatedAt || '')).slice(0, DONE_SHOWN);
  const row = (o) => {
    const isOpen = OPEN.has(o.status);
    const note = cancelling.get(o.orderId);
    const reason = o.rejectReason || o.cancelReason;
    return h('tr', {
      class: `order ${isOpen ? 'open' : 'done'}`,
      dataset: { test: 'order-row', orderId: o.orderId, status: o.status, clientOrderId: o.clientOrderId || '' },
      title: `${o.orderId}${o.clientOrderId ? ` (${o.clientOrderId})` : ''}: click for its events`,
      onclick: () => audit.show(o),
    },
    h('td', { class: 'time dim' }, format.clock(o.createdAt)),
    h('td', {}, o.symbol),
    h('td', { class: format.sideClass(o.side), dataset: { test: 'order-side' } }, o.side),
    h('td', { class: 'dim' }, `${o.type} ${o.timeInForce}`),
    h('td', { class: 'num', dataset: { test: 'order-quantity' } }, format.quantity(o.quantity)),
    h('td', { class: 'num', dataset: { test: 'order-filled' } }, format.quantity(o.filledQuantity)),
    h('td', { class: 'num', dataset: { test: 'order-limit' } }, format.price(o.limitPrice)),
    h('td', { class: 'num' }, format.price(o.averageFillPrice)),
    h('td', { class: `status s-${o.status}`, dataset: { test: 'order-status' }, title: reason || '' },
      o.status, reason ? h('span', { class: 'dim' }, ` ${reason}`) : null,
      note ? h('span', { class: 'dim', dataset: { test: 'order-note' } }, ` ${note}`) : null),
    h('td', {}, isOpen ? h('button', {
      type: 'button', class: 'small', dataset: { test: 'order-cancel' }, disabled: note === 'cancelling…',
      onclick: (event) => {
        event.stopPropagation();
        cancel(o.orderId);
      },
    }, 'Cancel') : null));
  };
  const rows = [...open.map(row), ...done.map(row)];
  fill(byTest('order-rows'), rows.length ? rows
    : h('tr', {}, h('td', { colspan: 10, class: 'dim' }, accountId ? 'no orders yet' : '')));
  fill(byTest('fill-rows'), fills.length ? fills.map((f) => h('tr', {
    dataset: { test: 'fill-row', tradeId: f.tradeId, orderId: f.orderId },
  },
  h('td', { class: 'time dim' }, format.clock(f.executedAt)),
  h('td', {}, f.symbol),
  h('td', { class: format.sideClass(f.side), dataset: { test: 'fill-side' } }, f.side),
  h('td', { class: 'num', dataset: { test: 'fill-price' } }, format.price(f.price)),
  h('td', { class: 'num', dataset: { test: 'fill-quantity' } }, format.quantity(f.quantity))))
    : h('tr', {}, h('td', { colspan: 5, class: 'dim' }, accountId ? 'no fills yet' : '')));
}
