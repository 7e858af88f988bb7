// The market of the symbol chosen: its book ladder, its trade tape and a price chart of the tape.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import * as api from './api.js';
import * as state from './state.js';
import { byTest, fill, h, streamIndicator } from './dom.js';
import * as format from './format.js';

const TAPE_ROWS = 100;
const CHART_POINTS = 500;

let bookStream = null;
let tapeStream = null;
let trades = [];
let chart = null;

export function start() {
  state.on('symbol', follow);
  new ResizeObserver(() => resizeChart()).observe(byTest('chart'));
  follow(state.get('symbol'));
}

export function stop() {
  if (bookStream) bookStream.close();
  if (tapeStream) tapeStream.close();
  bookStream = tapeStream = null;
}

function follow(symbol) {
  stop();
  for (const name of ['book-symbol', 'tape-symbol', 'chart-symbol']) byTest(name).textContent = symbol || '';
  fill(byTest('book-asks'));
  fill(byTest('book-bids'));
  byTest('book-spread').textContent = symbol ? '' : 'no instrument listed yet';
  trades = [];
  renderTape();
  renderChart();
  if (!symbol) return;
  const encoded = encodeURIComponent(symbol);
  bookStream = api.stream('order', `/api/v1/streams/order-books/${encoded}?depth=12`, {
    snapshot: renderBook,
    depth: renderBook,
  }, streamIndicator(byTest('book-stream')));
  tapeStream = api.stream('order', `/api/v1/streams/trades?symbol=${encoded}`, {
    snapshot: (data) => {
      trades = (data.trades || []).slice(0, TAPE_ROWS);
      if (trades.length) state.tradedAt(symbol, trades[0].price, trades[0].executedAt);
      renderTape();
      renderChart();
    },
    trade: (trade) => {
      if (trade.symbol !== symbol) return;
      trades.unshift(trade);
      if (trades.length > CHART_POINTS) trades.length = CHART_POINTS;
      state.tradedAt(symbol, trade.price, trade.executedAt);
      renderTape();
      renderChart();
    },
  }, streamIndicator(byTest('tape-stream')));
}

function renderBook(book) {
  const bids = book.bids || [];
  const asks = book.asks || [];
  const largest = Math.max(1, ...bids.map((l) => l.quantity), ...asks.map((l) => l.quantity));
  const row = (level, side) => {
    const share = Math.round((level.quantity / largest) * 100);
    return h('tr', {
      class: `level ${side === 'buy' ? 'bid' : 'ask'}`, dataset: { test: `book-${side === 'buy' ? 'bid' : 'ask'}`, price: level.price },
      style: { '--size': `${share}%` },
      title: 'Click to take this price into the ticket',
      onclick: () => document.dispatchEvent(new CustomEvent('bourse:price', { detail: level.price })),
    },
    h('td', { class: 'num dim', dataset: { test: 'level-orders' } }, level.orderCount),
    h('td', { class: 'num bar', dataset: { test: 'level-size' } }, format.quantity(level.quantity)),
    h('td', { class: `num price ${side}`, dataset: { test: 'level-price' } }, format.price(level.price)));
  };
  // Asks are shown above the spread, the best (lowest) one nearest to it.
  fill(byTest('book-asks'), asks.slice().reverse().map((level) => row(level, 'sell')));
  fill(byTest('book-bids'), bids.map((level) => row(level, 'buy')));
  const spread = byTest('book-spread');
  if (bids.length && asks.length) {
    const gap = Number(asks[0].price) - Number(bids[0].price);
    spread.textContent = `spread ${gap.toFixed(2)}`;
  } else {
    spread.textContent = bids.length || asks.length ? 'one-sided book' : 'empty book';
  }
}

function renderTape() {
  const rows = [];
  const shown = trades.slice(0, TAPE_ROWS);
  shown.forEach((trade, i) => {
    const before = shown[i + 1];
    const move = before ? Math.sign(Number(trade.price) - Number(before.price)) : 0;
    rows.push(h('tr', { dataset: { test: 'tape-row', tradeId: trade.tradeId } },
      h('td', { class: 'time dim' }, format.clock(trade.executedAt)),
      h('td', { class: `num ${move > 0 ? 'buy' : move < 0 ? 'sell' : ''}`, dataset: { test: 'tape-price' } },
        format.price(trade.price)),
      h('td', { class: 'num', dataset: { test: 'tape-quantity' } }, format.quantity(trade.quantity))));
  });
  fill(byTest('tape-rows'), rows.length ? rows : h('tr', {}, h('td', { colspan: 3, class: 'dim' }, 'no trades yet')));
  byTest('last-price').textContent = trades.length ? format.price(trades[0].price) : '';
}

function chartSize() {
  const box = byTest('chart');
  return { width: Math.max(200, box.clientWidth), height: Math.max(140, box.clientHeight || 180) };
}

function resizeChart() {
  if (chart) chart.setSize(chartSize());
}

function renderChart() {
  const points = trades.slice(0, CHART_POINTS).reverse();
  const data = [points.map((t) => new Date(t.executedAt).getTime() / 1000), points.map((t) => Number(t.price))];
  byTest('chart').dataset.points = String(points.length);
  if (chart) {
    chart.setData(data);
    return;
  }
  const css = getComputedStyle(document.documentElement);
  const ink = css.getPropertyValue('--dim').trim() || '#8a94a6';
  const grid = css.getPropertyValue('--line').trim() || '#2a3140';
  const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  chart = new uPlot({
    ...chartSize(),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    // One trade, or trades at one price, still get a readable window around them (uPlot widens a single
    // instant to a day by itself, so the window is taken from the data, not from the range it is given).
    scales: {
      x: {
        time: true,
        range: (u, min, max) => {
          const times = u.data[0];
          const one = times.length > 0 && times[0] === times[times.length - 1];
          return one ? [times[0] - 60, times[0] + 60] : [min, max];
        },
      },
      y: {
        range: (u, min, max) => {
          const pad = min === max ? Math.max(Math.abs(min) * 0.01, 0.01) : (max - min) * 0.08;
          return [min - pad, max + pad];
        },
      },
    },
    axes: [axis, { ...axis, size: 60, values: (u, values) => values.map((v) => v.toFixed(2)) }],
    series: [{}, {
      label: 'price',
      stroke: css.getPropertyValue('--accent').trim() || '#4aa3ff',
      width: 1.5,
      points: { show: true, size: 4 },
    }],
  }, data, byTest('chart'));
}
