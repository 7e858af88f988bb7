// The account chosen: balances (total / available / reserved) and positions with P&L at the last trade price,
// live from portfolio-service's account stream.
import * as api from './api.js';
import * as state from './state.js';
import { byTest, fill, h, streamIndicator } from './dom.js';
import * as format from './format.js';

const PRICE_ASKED_EVERY_MS = 10000;

let account = null;
const priceAskedAt = {};

export function start() {
  state.on('lastPrices', render);
  api.followAccount(reset, (accountId) => api.stream('portfolio',
    `/api/v1/streams/accounts/${encodeURIComponent(accountId)}`, {
      snapshot: (data) => show(data.account),
      account: show,
    }, (streamState, detail) => {
      streamIndicator(byTest('account-stream'))(streamState, detail);
      if (streamState === 'failed') byTest('account-hint').textContent = `This account cannot be read: ${detail}`;
    }));
}

function reset(accountId) {
  account = null;
  byTest('account-id').textContent = format.shortId(accountId);
  byTest('account-id').title = accountId || '';
  byTest('account-hint').textContent = accountId ? '' : 'Open an account, or add one by its id, to trade.';
  render();
}

function show(received) {
  account = received;
  byTest('account-hint').textContent = account && account.frozen ? 'This account is frozen: its trades do not settle.' : '';
  askLastPrices();
  render();
}

/** The symbols held that no tape on this screen follows get their last price from the trades read. */
function askLastPrices() {
  const known = state.get('lastPrices');
  for (const position of (account && account.positions) || []) {
    const symbol = position.symbol;
    const asked = priceAskedAt[symbol] || 0;
    if (symbol === state.get('symbol') && known[symbol]) continue;
    if (Date.now() - asked < PRICE_ASKED_EVERY_MS) continue;
    priceAskedAt[symbol] = Date.now();
    api.get('order', `/api/v1/trades?symbol=${encodeURIComponent(symbol)}&limit=1`)
      .then((trades) => {
        if (Array.isArray(trades) && trades.length) state.tradedAt(symbol, trades[0].price, trades[0].executedAt);
      })
      .catch(() => {});
  }
}

function render() {
  const balances = (account && account.balances) || [];
  fill(byTest('balances'), balances.map((b) => h('tr', { dataset: { test: 'balance', asset: b.asset } },
    h('td', {}, b.asset),
    h('td', { class: 'num', dataset: { test: 'balance-total' } }, b.total),
    h('td', { class: 'num', dataset: { test: 'balance-available' } }, b.available),
    h('td', { class: 'num', dataset: { test: 'balance-reserved' } }, b.reserved))));
  if (account && !balances.length) {
    byTest('balances').append(h('tr', {}, h('td', { colspan: 4, class: 'dim' }, 'nothing deposited yet')));
  }
  const prices = state.get('lastPrices');
  const positions = ((account && account.positions) || []).filter((p) => Number(p.quantity) !== 0 || Number(p.realizedPnl) !== 0);
  fill(byTest('positions'), positions.map((p) => {
    const last = prices[p.symbol] ? Number(prices[p.symbol].price) : null;
    const unrealized = last === null || p.averageCost === null ? null : (last - Number(p.averageCost)) * Number(p.quantity);
    const realized = Number(p.realizedPnl);
    return h('tr', { dataset: { test: 'position', symbol: p.symbol } },
      h('td', {}, p.symbol),
      h('td', { class: 'num', dataset: { test: 'position-quantity' } }, format.quantity(p.quantity)),
      h('td', { class: 'num', dataset: { test: 'position-average-cost' } }, format.price(p.averageCost)),
      h('td', { class: 'num dim', dataset: { test: 'position-last' } }, last === null ? '–' : format.price(prices[p.symbol].price)),
      h('td', { class: `num ${format.pnlClass(realized)}`, dataset: { test: 'position-realized' } }, format.price(p.realizedPnl)),
      h('td', { class: `num ${format.pnlClass(unrealized)}`, dataset: { test: 'position-unrealized' } },
        unrealized === null ? '–' : format.signed(unrealized)));
  }));
}
