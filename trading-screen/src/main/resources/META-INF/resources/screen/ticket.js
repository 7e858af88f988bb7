// The order ticket: places an order on the symbol and account chosen. The API's validation problems are shown next to
// the field they name; any other refusal under the button.
import * as api from './api.js';
import * as state from './state.js';
import { byTest } from './dom.js';
import * as format from './format.js';

// Refusals that are about one field although the API names none.
const FIELD_OF_CODE = {
  LIMIT_PRICE_REQUIRED: 'limitPrice',
  LIMIT_PRICE_NOT_ALLOWED: 'limitPrice',
  INVALID_PRICE: 'limitPrice',
  UNKNOWN_INSTRUMENT: 'symbol',
  ACCOUNT_NOT_FOUND: 'accountId',
};

let form;
let lastPlaced = null;

export function start() {
  form = byTest('ticket');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    place();
  });
  form.addEventListener('change', label);
  form.addEventListener('input', (event) => clearError(event.target.name));
  state.on('symbol', label);
  document.addEventListener('bourse:price', (event) => {
    form.elements.limitPrice.value = event.detail;
    form.elements.type.value = 'LIMIT';
    clearError('limitPrice');
    label();
  });
  document.addEventListener('bourse:order', (event) => {
    const order = event.detail;
    if (lastPlaced && order.orderId === lastPlaced) result(describe(order), order.status);
  });
  label();
}

function label() {
  const side = form.elements.side.value;
  const market = form.elements.type.value === 'MARKET';
  const button = byTest('ticket-submit');
  button.textContent = `${side === 'BUY' ? 'Buy' : 'Sell'} ${state.get('symbol') || ''}`.trim();
  button.classList.toggle('buy', side === 'BUY');
  button.classList.toggle('sell', side === 'SELL');
  form.elements.limitPrice.placeholder = market ? (side === 'BUY' ? 'worst price (optional)' : 'none for a market sell') : '';
}

function clearError(field) {
  const slot = form.querySelector(`.field-error[data-field="${field}"]`);
  if (slot) slot.textContent = '';
  const input = form.elements[field];
  if (input && input.removeAttribute) input.removeAttribute('aria-invalid');
}

function clearErrors() {
  form.querySelectorAll('.field-error').forEach((slot) => { slot.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
}

function showError(field, message) {
  const slot = form.querySelector(`.field-error[data-field="${field}"]`);
  if (!slot) return false;
  slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
  const input = form.elements[field];
  if (input && input.setAttribute) input.setAttribute('aria-invalid', 'true');
  return true;
}

function result(text, kind = '') {
  const line = byTest('ticket-result');
  line.textContent = text;
  line.dataset.kind = kind;
}

function describe(order) {
  const id = format.shortId(order.orderId);
  const filled = order.filledQuantity ? `, ${order.filledQuantity} filled at ${format.price(order.averageFillPrice)}` : '';
  const reason = order.rejectReason || order.cancelReason || '';
  return `Order ${id}: ${order.status}${filled}${reason ? ` (${reason})` : ''}`;
}

async function place() {
  clearErrors();
  const elements = form.elements;
  const quantity = elements.quantity.value.trim();
  const limitPrice = elements.limitPrice.value.trim();
  const clientOrderId = elements.clientOrderId.value.trim();
  const request = {
    accountId: state.get('accountId'),
    symbol: state.get('symbol'),
    side: elements.side.value,
    type: elements.type.value,
    timeInForce: elements.timeInForce.value,
  };
  // What the person typed goes as it is: the API says what is wrong with it, in its own words.
  if (quantity !== '') request.quantity = /^-?\d+$/.test(quantity) ? Number(quantity) : quantity;
  if (limitPrice !== '') request.limitPrice = limitPrice;
  if (clientOrderId !== '') request.clientOrderId = clientOrderId;
  if (!request.accountId) {
    showError('accountId', 'choose or open an account first');
    return;
  }
  const button = byTest('ticket-submit');
  button.disabled = true;
  result('sending…');
  try {
    const placed = await api.post('order', '/api/v1/orders', request);
    lastPlaced = placed.orderId;
    result(`Order ${format.shortId(placed.orderId)}: ${placed.status}`, placed.status);
    elements.clientOrderId.value = '';
  } catch (error) {
    if (!(error instanceof api.ApiError)) throw error;
    let shown = false;
    for (const { field, message } of error.fieldErrors) shown = showError(field, message) || shown;
    const field = FIELD_OF_CODE[error.code];
    if (!error.fieldErrors.length && field) shown = showError(field, error.message);
    result(shown ? 'The order was not placed: see the fields marked.' : `Refused: ${error.message}`, 'refused');
  } finally {
    button.disabled = false;
  }
}
