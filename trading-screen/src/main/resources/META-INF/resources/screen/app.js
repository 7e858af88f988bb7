// The trading screen: signs its person in, then shows the trade page (book, tape, chart, ticket, account, orders,
// fills, settlement) and, for operators, the operator page.
import * as auth from './auth.js';
import * as api from './api.js';
import * as state from './state.js';
import { byTest, fill, h } from './dom.js';
import * as market from './market.js';
import * as account from './account.js';
import * as ticket from './ticket.js';
import * as orders from './orders.js';
import * as settlements from './settlements.js';
import * as operator from './operator.js';

const INSTRUMENTS_EVERY_MS = 15000;
const CHOSEN_SYMBOL = 'bourse.symbol';

function notice(text, kind = '') {
  const line = byTest('notice');
  line.textContent = text;
  line.dataset.kind = kind;
  line.hidden = !text;
}

function showPage(name) {
  for (const page of ['sign-in', 'trade', 'operator']) byTest(`${page}-page`).hidden = page !== name;
  document.querySelectorAll('.tab').forEach((tab) => {
    if (tab.dataset.page === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  });
  byTest('pickers').hidden = name !== 'trade';
  if (name === 'operator') operator.show();
  else operator.hide();
}

function signInPage(error) {
  showPage('sign-in');
  const line = byTest('sign-in-error');
  line.textContent = error || '';
  line.hidden = !error;
  byTest('sign-in').addEventListener('click', () => auth.signIn('/'));
}

async function loadInstruments() {
  try {
    const listed = await api.get('order', '/api/v1/instruments');
    const symbols = (listed || []).map((i) => i.symbol).sort();
    const select = byTest('symbol-select');
    const current = state.get('symbol') || localStorage.getItem(CHOSEN_SYMBOL);
    const same = symbols.length === select.options.length && symbols.every((s, i) => select.options[i].value === s);
    if (!same) fill(select, symbols.map((s) => h('option', { value: s }, s)));
    const chosen = symbols.includes(current) ? current : symbols[0] || null;
    if (chosen) select.value = chosen;
    state.set('instruments', listed || []);
    state.set('symbol', chosen);
  } catch (error) {
    notice(`Instruments could not be read: ${error.message}`, 'error');
  }
}

function accountPicker(subject) {
  const select = byTest('account-select');
  const render = (ids) => {
    fill(select, ids.length ? ids.map((id) => h('option', { value: id, title: id }, id.slice(0, 8)))
      : h('option', { value: '' }, 'none yet'));
    select.value = state.get('accountId') || '';
  };
  const choose = (id) => {
    state.set('accountId', id || null);
    if (id) render(state.rememberAccount(subject, id));
  };
  const remembered = state.rememberedAccounts(subject);
  render(remembered);
  choose(remembered[0] || null);
  select.addEventListener('change', () => choose(select.value));
  byTest('open-account').addEventListener('click', async () => {
    try {
      const opened = await api.post('portfolio', '/api/v1/accounts', { owner: subject });
      choose(opened.accountId);
      notice(`Account ${opened.accountId} is open: an operator deposits money and units into it.`);
      setTimeout(() => notice(''), 10000);
    } catch (error) {
      notice(`No account was opened: ${error.message}`, 'error');
    }
  });
  byTest('account-paste-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byTest('account-paste');
    const id = input.value.trim();
    if (!id) return;
    try {
      await api.get('portfolio', `/api/v1/accounts/${encodeURIComponent(id)}`);
      input.value = '';
      choose(id);
      notice('');
    } catch (error) {
      notice(error.status === 404 ? `No account of yours has the id ${id}.` : `The account could not be read: ${error.message}`, 'error');
    }
  });
}

function tradeScreen() {
  const who = auth.person();
  byTest('user').textContent = who.subject;
  byTest('user').title = who.roles.length ? `roles: ${who.roles.join(', ')}` : 'trader';
  byTest('who').hidden = false;
  byTest('nav').hidden = false;
  byTest('nav-operator').hidden = !auth.isOperator();
  byTest('sign-out').addEventListener('click', () => auth.signOut());
  document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => {
    if (tab.dataset.page === 'operator' && !auth.isOperator()) return;
    window.location.hash = tab.dataset.page === 'operator' ? '#operator' : '';
  }));
  const route = () => showPage(window.location.hash === '#operator' && auth.isOperator() ? 'operator' : 'trade');
  window.addEventListener('hashchange', route);
  route();

  byTest('symbol-select').addEventListener('change', (event) => {
    localStorage.setItem(CHOSEN_SYMBOL, event.target.value);
    state.set('symbol', event.target.value);
  });
  byTest('symbol-select').addEventListener('focus', loadInstruments);
  accountPicker(who.subject);
  market.start();
  account.start();
  ticket.start();
  orders.start();
  settlements.start();
  loadInstruments();
  setInterval(loadInstruments, INSTRUMENTS_EVERY_MS);
  auth.whenExpiring(() => auth.renew());
}

async function main() {
  let config;
  try {
    const response = await fetch('/screen/config.json', { cache: 'no-store' });
    config = await response.json();
  } catch (error) {
    notice(`The screen's configuration could not be read: ${error.message}`, 'error');
    return;
  }
  auth.init(config);
  api.init(config);
  try {
    await auth.completeSignIn();
  } catch (error) {
    window.history.replaceState(null, '', '/');
    signInPage(error.message);
    return;
  }
  if (!auth.signedIn()) {
    signInPage();
    return;
  }
  tradeScreen();
  document.body.dataset.ready = 'true';
}

main();
