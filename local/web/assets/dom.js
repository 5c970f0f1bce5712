// @ts-check
/**
 * Tiny element builders for the page: text always goes in as text nodes (log lines and names are
 * never parsed as HTML), SVG is built in its own namespace.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Record<string, string | number | boolean | undefined>} Attributes */

/** @param {Element} element @param {Attributes} attributes @param {Child[]} children */
function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * An HTML element.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {Attributes} [attributes] @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  return /** @type {HTMLElementTagNameMap[K]} */ (fill(document.createElement(tag), attributes, children));
}

/**
 * An SVG element.
 * @param {string} tag @param {Attributes} [attributes] @param {...Child} children
 * @returns {SVGElement}
 */
export function s(tag, attributes = {}, ...children) {
  return /** @type {SVGElement} */ (fill(document.createElementNS(SVG_NS, tag), attributes, children));
}

/**
 * A figure taken from the run's result: `pointer` is its JSON pointer in the `--json` object, so
 * the browser test checks the text against the JSON.
 * @param {string} pointer @param {string | number} text @param {'percent'} [format]
 */
export function figure(pointer, text, format) {
  return h('span', { class: 'figure', 'data-figure': pointer, 'data-figure-format': format }, String(text));
}

/** @param {number} share 0..1 */
export const percent = (share) => `${(share * 100).toFixed(1)} %`;

/** `shardId-000000000001` → `shard 1`. @param {string} name */
export const shardLabel = (name) => name.replace(/^shardId-0*(\d)/, 'shard $1');

/** `12345` ms → `12.3 s`. @param {number} ms */
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Entries sorted by name, numbers in names compared as numbers. @param {Readonly<Record<string, number>>} record */
export function sortedEntries(record) {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
}
