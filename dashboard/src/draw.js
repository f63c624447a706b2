// Drawing without a map service: H3 cells as SVG polygons on an equirectangular projection fitted
// to the cells, and small SVG bar charts.
import { cellToBoundary } from 'h3-js';

const NS = 'http://www.w3.org/2000/svg';
const MIN_PX = 16;

function el(name, attrs = {}) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** An H3 index given as a decimal u64 string, as the hex string h3-js takes. */
export function h3Hex(decimal) {
  return BigInt(decimal).toString(16);
}

/** A hex map of `cells` (Map of hex index → device count), shaded by count. */
export function hexMap(cells) {
  const svg = el('svg', { class: 'map', 'data-testid': 'map', viewBox: '0 0 1000 320', preserveAspectRatio: 'xMidYMid meet' });
  const shapes = [...cells].map(([cell, count]) => ({ cell, count, ring: cellToBoundary(cell) }));
  if (shapes.length === 0) return svg;
  const pts = shapes.flatMap((s) => s.ring);
  const lats = pts.map(([lat]) => lat);
  const lngs = pts.map(([, lng]) => lng);
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const span = Math.max(maxLat - minLat, (maxLng - minLng) / 3, 1e-6);
  const scale = Math.min(960 / ((maxLng - minLng) || span), 300 / ((maxLat - minLat) || span));
  const max = Math.max(...shapes.map((s) => s.count));
  for (const { cell, count, ring } of shapes) {
    let pts = ring.map(([lat, lng]) => [20 + (lng - minLng) * scale, 310 - (lat - minLat) * scale]);
    // A fleet spread over continents makes street-level cells sub-pixel: draw each hexagon at
    // least MIN_PX wide, around its own centre, so every cell stays visible and hoverable.
    const xs = pts.map(([x]) => x);
    const width = Math.max(...xs) - Math.min(...xs);
    if (width < MIN_PX) {
      const cx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
      const cy = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
      const k = MIN_PX / Math.max(width, 1e-9);
      pts = pts.map(([x, y]) => [cx + (x - cx) * k, cy + (y - cy) * k]);
    }
    const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(2)},${y.toFixed(2)}`).join('') + 'Z';
    const shade = Math.round(200 - 140 * (count / max));
    const path = el('path', { d, fill: `rgb(${shade}, ${Math.min(255, shade + 50)}, ${shade})`, 'data-cell': cell });
    const title = el('title');
    title.textContent = `${cell}: ${count} device${count === 1 ? '' : 's'}`;
    path.append(title);
    svg.append(path);
  }
  return svg;
}

/** A bar chart of `values` (array of { label, value }). */
export function barChart(values, testid) {
  const svg = el('svg', { class: 'chart', 'data-testid': testid, viewBox: '0 0 600 140' });
  const max = Math.max(1, ...values.map((v) => v.value));
  const w = Math.min(600 / Math.max(values.length, 1), 80);
  values.forEach(({ label, value }, i) => {
    const h = (value / max) * 100;
    const rect = el('rect', { x: i * w + 4, y: 120 - h, width: Math.max(w - 8, 2), height: h });
    const figure = el('text', { x: i * w + w / 2, y: 116 - h, 'font-size': 10, 'text-anchor': 'middle' });
    figure.textContent = value;
    svg.append(figure);
    const title = el('title');
    title.textContent = `${label}: ${value}`;
    rect.append(title);
    svg.append(rect);
    const text = el('text', { x: i * w + w / 2, y: 136, 'font-size': 10, 'text-anchor': 'middle' });
    text.textContent = label;
    svg.append(text);
  });
  return svg;
}
