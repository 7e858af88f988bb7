// Numbers as the API gives them (decimal strings, integer quantities) shown as traders read them.

const time = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** hh:mm:ss.mmm in local time. */
export function clock(iso) {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${time.format(at)}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/** A decimal string with at least `decimals` decimals; the API's exact digits are kept, never rounded. */
export function price(value, decimals = 2) {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  const [whole, fraction = ''] = text.split('.');
  return fraction.length >= decimals ? text : `${whole}.${fraction.padEnd(decimals, '0')}`;
}

/** A computed amount (a float from arithmetic on prices, for display only), with two decimals and a sign. */
export function signed(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const fixed = Math.abs(value) < 0.005 ? '0.00' : value.toFixed(2);
  return value > 0.005 ? `+${fixed}` : fixed;
}

export const quantity = (value) => (value === null || value === undefined ? '' : String(value));

/** A shortened id for tables; the whole id is in the title. */
export const shortId = (id) => (id ? String(id).slice(0, 8) : '');

/** A trade id's end, which tells trades of one symbol apart (its start may be the symbol). */
export const tradeRef = (id) => (!id ? '' : String(id).length > 10 ? `…${String(id).slice(-8)}` : String(id));

export const sideClass = (side) => (side === 'BUY' ? 'buy' : side === 'SELL' ? 'sell' : '');

export const pnlClass = (value) => (value > 0.005 ? 'buy' : value < -0.005 ? 'sell' : '');
