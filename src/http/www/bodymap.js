// The body map: the 74 CHOIR segments on a front and a back figure (shapes from trp's
// data/bodymap/figure.tsv through /api/v1/bodymap). Every segment is a focusable toggle
// button named by its label as `trp regions` prints it ("Right shoulder, front"), so it
// works by touch, mouse, keyboard (Tab, Enter, Space) and screen reader alike.
import { api, h } from './api.js';

let shapes = null;

export async function loadShapes() {
  if (!shapes) shapes = await api('bodymap');
  return shapes;
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
    const svg = h('svg', { viewBox: '0 0 200 480', role: 'group', 'aria-label': `Body, ${caption.toLowerCase()}` });
    for (const s of all.filter((x) => x.view === view)) {
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
    return h('figure', {}, h('figcaption', {}, caption), svg);
  };
  const map = h('div', { class: 'bodymap' }, figure('front', 'Front'), figure('back', 'Back'));
  container.append(map);
  return {
    selected: () => [...selected.entries()].map(([id, label]) => ({ id, label })),
    clear: () => {
      selected.clear();
      for (const p of polys.values()) p.setAttribute('aria-pressed', 'false');
      onChange([]);
    },
  };
}
