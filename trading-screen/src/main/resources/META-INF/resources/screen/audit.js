// An order's audit trail: every event the event store keeps for it, oldest first, with what caused it.
import * as api from './api.js';
import { byTest, fill, h } from './dom.js';
import * as format from './format.js';

let shownOrder = null;

/** A cause or an actor as the API gives it: text, or an object shown by its values. */
function text(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(text).join(', ');
  return Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${text(v)}`).join(' · ');
}

export async function show(order) {
  const dialog = byTest('audit-panel');
  shownOrder = order.orderId;
  byTest('audit-order').textContent = order.orderId;
  byTest('audit-summary').textContent =
    `${order.side} ${order.quantity} ${order.symbol} ${order.type} ${order.timeInForce}`
    + `${order.limitPrice ? ` @ ${format.price(order.limitPrice)}` : ''}: ${order.status}`;
  fill(byTest('audit-rows'), h('tr', {}, h('td', { colspan: 5, class: 'dim' }, 'reading…')));
  if (!dialog.open) dialog.showModal();
  try {
    const events = await api.get('order', `/api/v1/orders/${encodeURIComponent(order.orderId)}/events`);
    if (shownOrder !== order.orderId) return;
    fill(byTest('audit-rows'), (events || []).map((event) => h('tr', {
      dataset: { test: 'audit-row', type: event.type },
      title: event.data ? JSON.stringify(event.data) : '',
    },
    h('td', { class: 'num dim' }, event.sequence),
    h('td', { class: 'time' }, format.clock(event.at)),
    h('td', { dataset: { test: 'audit-type' } }, event.type),
    h('td', { class: 'dim', dataset: { test: 'audit-cause' } }, text(event.cause)),
    h('td', { class: 'dim' }, text(event.actor)))));
  } catch (error) {
    if (shownOrder !== order.orderId) return;
    fill(byTest('audit-rows'), h('tr', {}, h('td', { colspan: 5, class: 'error', dataset: { test: 'audit-error' } },
      `The order's events could not be read: ${error.message}`)));
  }
}
