// A member×member matrix as an SVG picture: one square per (row, column) pair, its colour from a
// verdict and a short text inside, the details in a tooltip, and a legend. It draws the
// reachability matrix (rows probe columns) and any other pairwise verdict (the fan's
// member×member checks) the same way: the caller says what each cell is.
import { h, s } from './dom.js';

const CELL = 64;
const GAP = 3;

/**
 * @param {object} spec
 * @param {string[]} spec.rows         row labels (e.g. the probing member)
 * @param {string[]} spec.columns      column labels (e.g. the probed peer)
 * @param {(row: string, column: string) => {verdict: string, text: string, detail?: string} | null} spec.cell
 *        what the cell says; null draws an "unknown" cell (no data is not a verdict)
 * @param {{verdict: string, label: string}[]} spec.legend  verdicts in legend order; each has CSS class v-<verdict>
 * @param {string} spec.rowAxis        what rows are ("from")
 * @param {string} spec.columnAxis     what columns are ("to")
 * @param {string} spec.title          accessible name of the picture
 * @returns {HTMLElement} a figure holding the SVG and its legend
 */
export function renderMatrix(spec) {
  const rowLabelWidth = Math.max(100, 9 * Math.max(0, ...spec.rows.map(r => r.length)) + 16);
  const headerHeight = 44;
  const width = rowLabelWidth + spec.columns.length * (CELL + GAP);
  const height = headerHeight + spec.rows.length * (CELL + GAP);

  const svg = s('svg', {
    class: 'matrix', role: 'img', 'aria-label': spec.title,
    width, height, viewBox: `0 0 ${width} ${height}`,
  }, s('title', null, spec.title));

  svg.append(s('text', { x: 0, y: 14, class: 'axis' }, `${spec.rowAxis} ↓  ${spec.columnAxis} →`));
  spec.columns.forEach((c, j) => svg.append(s('text', {
    x: rowLabelWidth + j * (CELL + GAP) + CELL / 2, y: headerHeight - 10, class: 'label', 'text-anchor': 'middle',
  }, c)));

  spec.rows.forEach((r, i) => {
    const y = headerHeight + i * (CELL + GAP);
    svg.append(s('text', { x: rowLabelWidth - 8, y: y + CELL / 2 + 5, class: 'label', 'text-anchor': 'end' }, r));
    spec.columns.forEach((c, j) => {
      const x = rowLabelWidth + j * (CELL + GAP);
      const value = spec.cell(r, c) ?? { verdict: 'unknown', text: '?', detail: 'no data' };
      const tip = `${spec.rowAxis} ${r} ${spec.columnAxis} ${c}: ${value.detail ?? value.text}`;
      svg.append(s('g', { class: `cell v-${value.verdict}`, 'data-row': r, 'data-column': c, 'data-verdict': value.verdict },
        s('title', null, tip),
        s('rect', { x, y, width: CELL, height: CELL, rx: 4 }),
        s('text', { x: x + CELL / 2, y: y + CELL / 2 + 5, 'text-anchor': 'middle' }, value.text)));
    });
  });

  const legend = h('ul', { class: 'legend' }, spec.legend.map(l => h('li', null,
    h('span', { class: `swatch v-${l.verdict}` }), ` ${l.label}`)));
  return h('figure', { class: 'matrix-figure' }, svg, h('figcaption', null, legend));
}
