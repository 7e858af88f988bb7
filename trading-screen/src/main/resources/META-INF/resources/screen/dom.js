// A few helpers for building and updating the page without a framework.

/** Creates an element: h('td', {class: 'num', dataset: {test: 'price'}}, '101.25'). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style' && typeof value === 'object') {
      for (const [property, setting] of Object.entries(value)) element.style.setProperty(property, setting);
    }
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** The element with data-test="name" inside root. */
export const byTest = (name, root = document) => root.querySelector(`[data-test="${name}"]`);

/** Replaces the children of element. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A connection indicator for a stream: its state goes into data-state for the style sheet and the tests. */
export function streamIndicator(element) {
  return (state, detail) => {
    element.dataset.state = state;
    element.title = detail ? `${state}: ${detail}` : state;
  };
}
