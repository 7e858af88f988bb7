// The operator's page: per service, its event processors and their lag, the events parked in dead-letter queues,
// and the open sagas; read from each service's actuator every few seconds while the page is shown.
import * as api from './api.js';
import { byTest, fill, h } from './dom.js';
import * as format from './format.js';

const SERVICES = ['order', 'portfolio', 'settlement'];
const REFRESH_MS = 3000;

let timer = null;
let cards = null;

export function show() {
  if (!cards) {
    cards = Object.fromEntries(SERVICES.map((service) => [service, h('article', {
      class: 'panel service', dataset: { test: `operator-${service}`, service },
    }, h('h2', {}, `${service}-service `, h('span', { class: 'dim', dataset: { test: 'operator-refreshed' } })),
    h('div', { class: 'body' }))]));
    fill(byTest('operator-services'), Object.values(cards));
  }
  refresh();
}

export function hide() {
  clearTimeout(timer);
  timer = null;
}

async function refresh() {
  clearTimeout(timer);
  await Promise.all(SERVICES.map(read));
  timer = setTimeout(refresh, REFRESH_MS);
}

async function read(service) {
  const card = cards[service];
  const ask = (path) => api.get(service, path).then((value) => ({ value }), (error) => ({ error }));
  const [processors, deadLetters, sagas] = await Promise.all([
    ask('/actuator/eventprocessors'), ask('/actuator/deadletters'), ask('/actuator/sagas')]);
  card.querySelector('[data-test="operator-refreshed"]').textContent = format.clock(new Date().toISOString());
  fill(card.querySelector('.body'),
    h('h3', {}, 'Event processors'), processorTable(processors),
    h('h3', {}, 'Dead letters'), deadLetterTable(deadLetters),
    h('h3', {}, 'Sagas'), sagaTable(sagas));
}

const problem = (answer, columns) => h('tr', {}, h('td', { colspan: columns, class: 'error', dataset: { test: 'operator-error' } },
  answer.error.status ? `${answer.error.status}: ${answer.error.message}` : answer.error.message));

function processorTable(answer) {
  const head = h('thead', {}, h('tr', {}, h('th', {}, 'Processor'), h('th', {}, 'Kind'), h('th', {}, 'State'),
    h('th', { class: 'num' }, 'Lag'), h('th', { class: 'num' }, 'Parked'), h('th', { class: 'num' }, 'Segments')));
  const rows = answer.error ? [problem(answer, 6)] : Object.values(answer.value || {}).map((p) => {
    const stateText = p.error ? 'error' : !p.running ? 'stopped' : p.replaying ? 'replaying' : p.caughtUp ? 'caught up' : 'behind';
    const errors = (p.segments || []).map((s) => s.error).filter(Boolean);
    return h('tr', { dataset: { test: 'processor-row', name: p.name }, title: errors.join('\n') || p.source || '' },
      h('td', {}, p.name),
      h('td', { class: 'dim' }, p.type),
      h('td', { class: `status ${p.error ? 'sell' : p.caughtUp && p.running ? 'buy' : ''}`, dataset: { test: 'processor-state' } }, stateText),
      h('td', { class: 'num', dataset: { test: 'processor-lag' } }, p.lag ?? '–'),
      h('td', { class: `num ${p.deadLetters ? 'sell' : ''}` }, p.deadLetters ?? '–'),
      h('td', { class: 'num dim' }, (p.segments || []).length));
  });
  return h('table', {}, head, h('tbody', {}, rows));
}

function deadLetterTable(answer) {
  const head = h('thead', {}, h('tr', {}, h('th', {}, 'Processing group'), h('th', { class: 'num' }, 'Parked')));
  const entries = answer.error ? null : Object.entries(answer.value || {});
  const rows = answer.error ? [problem(answer, 2)] : entries.length ? entries.map(([group, parked]) => h('tr', {
    dataset: { test: 'deadletter-row', group },
  }, h('td', {}, group), h('td', { class: `num ${parked ? 'sell' : ''}`, dataset: { test: 'deadletter-count' } }, parked)))
    : [h('tr', {}, h('td', { colspan: 2, class: 'dim' }, 'no dead-letter queues'))];
  return h('table', {}, head, h('tbody', {}, rows));
}

function sagaTable(answer) {
  const head = h('thead', {}, h('tr', {}, h('th', {}, 'Saga'), h('th', { class: 'num' }, 'Open'),
    h('th', {}, 'Oldest'), h('th', { class: 'num' }, 'Overdue')));
  const types = answer.error ? null : Object.values(answer.value || {});
  const rows = answer.error ? [problem(answer, 4)] : types.length ? types.map((saga) => h('tr', {
    dataset: { test: 'saga-row', type: saga.type }, title: `expected to live at most ${saga.maxOpen}`,
  },
  h('td', {}, saga.type.split('.').pop()),
  h('td', { class: 'num', dataset: { test: 'saga-open' } }, saga.open),
  h('td', { class: 'num dim' }, format.clock(saga.oldestStartedAt)),
  h('td', { class: `num ${(saga.overdue || []).length ? 'sell' : ''}` }, (saga.overdue || []).length)))
    : [h('tr', {}, h('td', { colspan: 4, class: 'dim' }, 'this service runs no sagas'))];
  return h('table', {}, head, h('tbody', {}, rows));
}
