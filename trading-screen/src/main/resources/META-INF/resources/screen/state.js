// What the panels share: the symbol and account chosen, and the last trade price per symbol. Panels listen for
// changes of one key; setting a key to the value it has changes nothing.

const values = { symbol: null, accountId: null, instruments: [], lastPrices: {} };
const listeners = {};

export const get = (key) => values[key];

export function set(key, value) {
  if (values[key] === value) return;
  values[key] = value;
  (listeners[key] || []).forEach((listener) => listener(value));
}

export function on(key, listener) {
  (listeners[key] = listeners[key] || []).push(listener);
}

/** A trade seen on a tape or in a fill: the symbol's last price, for P&L at market. */
export function tradedAt(symbol, price, at) {
  const known = values.lastPrices[symbol];
  if (known && at && known.at && known.at > at) return;
  set('lastPrices', { ...values.lastPrices, [symbol]: { price, at } });
}

/** The accounts this person opened or pasted here: the API has no list of a person's accounts. */
export function rememberedAccounts(subject) {
  try {
    const ids = JSON.parse(localStorage.getItem(`bourse.accounts.${subject}`) || '[]');
    return Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberAccount(subject, accountId) {
  const ids = rememberedAccounts(subject).filter((id) => id !== accountId);
  ids.unshift(accountId);
  localStorage.setItem(`bourse.accounts.${subject}`, JSON.stringify(ids));
  return ids;
}

export function forgetAccount(subject, accountId) {
  const ids = rememberedAccounts(subject).filter((id) => id !== accountId);
  localStorage.setItem(`bourse.accounts.${subject}`, JSON.stringify(ids));
  return ids;
}
