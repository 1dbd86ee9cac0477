// Building DOM nodes from text, never by parsing HTML: every name, message and SQL value is set as text, so
// nothing that comes from LXD, an agent or a query can become markup or script.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function attributes(node, attrs) {
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  return node;
}

/** An HTML element: h('td', { class: 'num' }, '42'). */
export function h(tag, attrs, ...children) {
  return append(attributes(document.createElement(tag), attrs), children);
}

/** An SVG element, in the SVG namespace. */
export function s(tag, attrs, ...children) {
  return append(attributes(document.createElementNS(SVG_NS, tag), attrs), children);
}

/** Replaces an element's content. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A table from a header row and rows of cells (strings or nodes, or [attrs, ...children] pairs). */
export function table(headers, rows, attrs) {
  const cell = (tag, c) => Array.isArray(c) ? h(tag, c[0], ...c.slice(1)) : h(tag, null, c);
  return h('table', attrs,
    h('thead', null, h('tr', null, headers.map(x => cell('th', x)))),
    h('tbody', null, rows.map(r => r instanceof Node ? r : h('tr', null, r.map(c => cell('td', c))))));
}
