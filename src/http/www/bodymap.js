// The body map: the 74 CHOIR segments on a front and a back figure, and close-ups of the
// head and neck, the hands and the feet with a shape for every finer place there (the
// temple, the base of the skull, each finger, the arch, the heel). Shapes come from trp's
// data/bodymap/figure.tsv through /api/v1/bodymap. Every shape is a focusable toggle
// button named by its label as `trp regions` prints it ("Right shoulder, front", "Left
// temple"), so it works by touch, mouse, keyboard (Tab, Enter, Space) and screen reader
// alike. Each figure says which side is which in words, worked out from the shapes' own
// sides, because "the front figure shows your right on the left" is easy to get wrong.
import { api, h } from './api.js';

let shapes = null;

export async function loadShapes() {
  if (!shapes) shapes = await api('bodymap');
  return shapes;
}

// The close-ups, each a fold under the figures, with the views it holds and what they show.
const CLOSEUPS = [
  { title: 'Head and neck', views: [
    ['face', 'Face and front of the neck (facing you)'],
    ['head-back', 'Back of the head and neck'],
    ['mouth', 'Inside the mouth (facing you)'] ] },
  { title: 'Hands and fingers', views: [
    ['palms', 'Palms, as you look at your own'],
    ['hand-backs', 'Backs of the hands, as you look down at them (fingers: on the palms)'] ] },
  { title: 'Feet and toes', views: [
    ['feet-top', 'Tops of the feet, as you look down at them'],
    ['soles', 'Soles, as your footprints'] ] },
];

const xy = (points) => points.trim().split(/\s+/).map((p) => p.split(',').map(Number));

// The smallest box around some shapes: [minX, minY, maxX, maxY].
function bounds(list) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of list) for (const [x, y] of xy(s.points)) {
    b[0] = Math.min(b[0], x); b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x); b[3] = Math.max(b[3], y);
  }
  return b;
}

// Renders the map into container; onChange(selectedIds) runs after every toggle.
export async function bodyMap(container, onChange = () => {}) {
  const all = await loadShapes();
  const selected = new Map(); // id -> label, in the order tapped
  const polys = new Map();
  const toggle = (s, poly) => {
    if (selected.has(s.id)) selected.delete(s.id); else selected.set(s.id, s.label);
    poly.setAttribute('aria-pressed', String(selected.has(s.id)));
    onChange([...selected.keys()]);
  };
  const figure = (view, caption) => {
    const mine = all.filter((x) => x.view === view);
    const regions = mine.filter((x) => !x.outline);
    // Cropped to the drawing, with a line below it for the side words.
    const b = bounds(mine);
    const pad = 4, words = view === 'front' || view === 'back' ? 18 : 14;
    const vb = [b[0] - pad, b[1] - pad, b[2] - b[0] + 2 * pad, b[3] - b[1] + 2 * pad + words];
    const svg = h('svg', { viewBox: vb.join(' '), role: 'group', 'aria-label': caption,
      class: `view-${view}` });
    for (const s of mine) {
      if (s.outline) {
        svg.append(h('polygon', { points: s.points, class: 'outline', 'aria-hidden': 'true' }));
        continue;
      }
      const poly = h('polygon', { points: s.points, tabindex: '0', role: 'button',
        'aria-label': s.label, 'aria-pressed': 'false', 'data-region': s.id });
      poly.append(h('title', {}, s.label));
      poly.addEventListener('click', () => toggle(s, poly));
      poly.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); toggle(s, poly); }
      });
      polys.set(s.id, poly);
      svg.append(poly);
    }
    // "Right" under the shapes of the person's right side, "Left" under the left's.
    for (const [suffix, word] of [['.r', 'Right'], ['.l', 'Left']]) {
      const side = regions.filter((x) => x.id.endsWith(suffix));
      if (!side.length) continue;
      const sb = bounds(side);
      svg.append(h('text', { x: (sb[0] + sb[2]) / 2, y: b[3] + pad + words - 4, 'text-anchor': 'middle',
        class: 'side', 'font-size': view === 'front' || view === 'back' ? 13 : 11, 'aria-hidden': 'true' }, word));
    }
    return h('figure', {}, h('figcaption', {}, caption), svg);
  };
  const map = h('div', { class: 'bodymap' }, figure('front', 'Front'), figure('back', 'Back'));
  container.append(map);
  for (const c of CLOSEUPS) {
    const views = c.views.filter(([v]) => all.some((s) => s.view === v));
    if (!views.length) continue;
    container.append(h('details', { class: 'closeup' },
      h('summary', {}, `Close-up: ${c.title}`),
      h('div', { class: `bodymap closeups n${views.length}` }, views.map(([v, cap]) => figure(v, cap)))));
  }
  return {
    selected: () => [...selected.entries()].map(([id, label]) => ({ id, label })),
    clear: () => {
      selected.clear();
      for (const p of polys.values()) p.setAttribute('aria-pressed', 'false');
      onChange([]);
    },
  };
}
