// The science-mapping page: each view fetches its /api/corpus/… JSON and draws it as SVG.
// No library, no network beyond this host. Text from the data is set with textContent only.
(function () {
  "use strict";
  const NS = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  const state = { drawn: {} };
  window.b2bkgScience = state;
  const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                  "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"];

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs, text) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function canvas(box, w, h) {
    box.replaceChildren();
    const s = svg("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: "img" });
    const defs = svg("defs");
    const m = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" });
    m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }));
    defs.appendChild(m);
    s.appendChild(defs);
    box.appendChild(s);
    return s;
  }
  function status(text) { $("status").textContent = text; }
  function corpus() { return $("corpus").value; }
  async function get(path, params) {
    const q = new URLSearchParams(params || {});
    if (corpus()) q.set("name", corpus());
    status("loading " + path + " …");
    const r = await fetch(path + "?" + q.toString());
    const body = await r.json();
    if (!r.ok) { status("error: " + (body.error || r.status)); throw new Error(body.error || String(r.status)); }
    status("");
    return body;
  }
  function yearAxis(s, x0, x1, y0, y1, first, last, top) {
    const span = Math.max(1, last - first);
    const step = span > 40 ? 10 : span > 15 ? 5 : span > 6 ? 2 : 1;
    const xOf = (y) => x0 + (x1 - x0) * (y - first) / span;
    for (let y = Math.ceil(first / step) * step; y <= last; y += step) {
      s.appendChild(svg("line", { x1: xOf(y), x2: xOf(y), y1: y0, y2: y1, class: "grid" }));
      s.appendChild(svg("text", { x: xOf(y), y: top, "text-anchor": "middle" }, String(y)));
    }
    return xOf;
  }

  // -- bursts: CiteSpace's table, one row per item, the burst years in red ------------------
  async function bursts() {
    const rows = await get("/api/corpus/bursts", { of: $("burst-of").value, s: $("burst-s").value,
      gamma: $("burst-gamma").value, limit: $("burst-top").value });
    const box = $("burst-chart");
    if (!rows.length) { box.replaceChildren(el("p", {}, "No bursts with these parameters.")); state.drawn.bursts = 0; return; }
    const years = (await get("/api/corpus/slices", { years: 1, per_slice: 1 })).filter((r) => r.records > 0).map((r) => r.begin);
    const first = Math.min(...years, ...rows.map((r) => r.begin));
    const last = Math.max(...years, ...rows.map((r) => r.end));
    const labelW = 330, colW = Math.max(8, Math.min(22, 620 / (last - first + 1)));
    const W = labelW + 260 + colW * (last - first + 1), H = 40 + 18 * rows.length;
    const s = canvas(box, W, H);
    const head = [["Item", 8], ["Strength", labelW + 10], ["Begin", labelW + 80], ["End", labelW + 130],
                  [`${first} – ${last}`, labelW + 190]];
    for (const [t, x] of head) s.appendChild(svg("text", { x, y: 16, "font-weight": "bold" }, t));
    rows.forEach((r, i) => {
      const y = 30 + 18 * i;
      const row = svg("g", { class: "burst-row" });
      const label = svg("text", { x: 8, y: y + 11 }, r.label.length > 52 ? r.label.slice(0, 50) + "…" : r.label);
      label.appendChild(svg("title", {}, r.label));
      row.appendChild(label);
      row.appendChild(svg("text", { x: labelW + 10, y: y + 11 }, r.strength.toFixed(2)));
      row.appendChild(svg("text", { x: labelW + 80, y: y + 11 }, String(r.begin)));
      row.appendChild(svg("text", { x: labelW + 130, y: y + 11 }, String(r.end)));
      for (let yr = first; yr <= last; yr++) {
        if (r.year && yr < r.year) continue;  // before the reference appeared
        const inBurst = yr >= r.begin && yr <= r.end;
        row.appendChild(svg("rect", { x: labelW + 190 + colW * (yr - first), y: y + 3, width: colW - 1, height: 9,
          class: inBurst ? "burst" : "span" }));
      }
      s.appendChild(row);
    });
    state.drawn.bursts = rows.length;
  }

  // -- cluster timeline: one lane per cluster, members at their publication year --------------
  async function timeline() {
    const [tl, q] = await Promise.all([
      get("/api/corpus/timeline", { min_occurrences: $("tl-minocc").value, top: $("tl-top").value }),
      get("/api/corpus/clusters", { min_occurrences: $("tl-minocc").value, top: $("tl-top").value, terms: 3 }),
    ]);
    const labelOf = {};
    for (const c of q.clusters) {
      const llr = c.labels.find((l) => l.method === "llr") || c.labels[0];
      labelOf[c.id] = llr ? llr.term : "";
    }
    $("tl-quality").textContent = q.modularity === null ? "no links" :
      `Modularity Q = ${q.modularity}, mean silhouette S = ${q.silhouette} (${q.nodes} references, ${q.clusters.length} clusters)`;
    const lanes = tl.clusters.filter((c) => c.members.length);
    const seedOut = tl.seed_references_outside.filter((r) => r.year);
    const ys = lanes.flatMap((c) => c.members.map((m) => m.year).filter((y) => y)).concat(seedOut.map((r) => r.year));
    const box = $("tl-chart");
    if (!ys.length) { box.replaceChildren(el("p", {}, "No clusters.")); state.drawn.timeline = 0; return; }
    const first = Math.floor(Math.min(...ys)), last = Math.ceil(Math.max(...ys));
    const laneH = 34, W = 1280, x0 = 40, x1 = 900;
    const H = 40 + laneH * (lanes.length + (seedOut.length ? 1 : 0));
    const s = canvas(box, W, H);
    const xOf = yearAxis(s, x0, x1, 22, H, first, last, 14);
    const maxOcc = Math.max(...lanes.flatMap((c) => c.members.map((m) => m.occurrences)), 1);
    lanes.forEach((c, i) => {
      const y = 40 + laneH * i + laneH / 2;
      const color = COLORS[(c.cluster - 1) % COLORS.length];
      const g = svg("g", { class: "lane", "data-cluster": c.cluster });
      g.appendChild(svg("line", { x1: x0, x2: x1, y1: y, y2: y, stroke: color, "stroke-opacity": 0.35 }));
      for (const m of c.members) {
        if (!m.year) continue;
        const r = 3 + 9 * Math.sqrt(m.occurrences / maxOcc);
        const dot = m.cited_by_papers.length
          ? svg("rect", { x: xOf(m.year) - r, y: y - r, width: 2 * r, height: 2 * r, class: "seed", transform: `rotate(45 ${xOf(m.year)} ${y})` })
          : svg("circle", { cx: xOf(m.year), cy: y, r, fill: color, "fill-opacity": 0.75 });
        dot.appendChild(svg("title", {}, `${m.label} (${m.occurrences})`));
        g.appendChild(dot);
      }
      const top = c.members.slice().sort((a, b) => b.occurrences - a.occurrences)[0];
      if (top && top.year) g.appendChild(svg("text", { x: xOf(top.year) + 6, y: y - 8 }, top.label.slice(0, 28)));
      g.appendChild(svg("text", { x: x1 + 10, y: y + 4, fill: color, "font-weight": "bold" },
        `#${c.cluster} ${labelOf[c.cluster] || ""} (${c.size})`));
      s.appendChild(g);
    });
    if (seedOut.length) {
      const y = 40 + laneH * lanes.length + laneH / 2;
      const g = svg("g", { class: "lane seed-lane" });
      g.appendChild(svg("line", { x1: x0, x2: x1, y1: y, y2: y, stroke: "#ff8c00", "stroke-dasharray": "4 3" }));
      for (const r of seedOut) {
        const d = svg("rect", { x: xOf(r.year) - 5, y: y - 5, width: 10, height: 10, class: "seed", transform: `rotate(45 ${xOf(r.year)} ${y})` });
        d.appendChild(svg("title", {}, `${r.label} (${r.year})`));
        g.appendChild(d);
      }
      g.appendChild(svg("text", { x: x1 + 10, y: y + 4, "font-weight": "bold" },
        `curated papers' references outside the clusters (${seedOut.length})`));
      s.appendChild(g);
    }
    state.drawn.timeline = lanes.length;
    state.drawn.seedReferences = seedOut.length + tl.seed_references.length;
  }

  // -- main path: works left to right by year, arcs labelled with their weight ---------------
  async function mainpath() {
    const mp = await get("/api/corpus/mainpath", { weight: $("mp-weight").value, key_routes: 2 });
    const which = $("mp-kind").value;
    const paths = which === "global" ? (mp.global.length ? [mp.global] : []) : mp[which];
    const box = $("mp-chart"), list = $("mp-list");
    list.replaceChildren();
    if (!paths.length) { box.replaceChildren(el("p", {}, "No citation links among the corpus documents.")); state.drawn.mainpath = 0; return; }
    const nodes = new Map();
    for (const p of paths) for (const n of p) nodes.set(n.work, n);
    const all = [...nodes.values()].sort((a, b) => (a.year - b.year) || a.work.localeCompare(b.work));
    // works left to right in time order (one column each, the year written under it); the works
    // on every path on the middle row, the others above or below it
    const step = 165, W = Math.max(900, 120 + step * all.length), H = 380;
    const s = canvas(box, W, H);
    const onAll = (w) => paths.every((p) => p.some((n) => n.work === w));
    const pos = new Map();
    let side = 0;
    all.forEach((n, i) => {
      const x = 100 + step * i;
      const y = onAll(n.work) ? 190 : (side++ % 2 ? 300 : 80);
      pos.set(n.work, { x, y });
      s.appendChild(svg("text", { x, y: 18, "text-anchor": "middle", fill: "#777" }, String(n.year)));
      s.appendChild(svg("line", { x1: x, x2: x, y1: 24, y2: H - 10, class: "grid" }));
    });
    const drawnArcs = new Set();
    for (const p of paths) {
      for (let i = 0; i + 1 < p.length; i++) {
        const a = pos.get(p[i].work), b = pos.get(p[i + 1].work), key = p[i].work + ">" + p[i + 1].work;
        if (drawnArcs.has(key)) continue;
        drawnArcs.add(key);
        const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
        s.appendChild(svg("line", { x1: a.x + dx / len * 9, y1: a.y + dy / len * 9, x2: b.x - dx / len * 11, y2: b.y - dy / len * 11, class: "arc" }));
        s.appendChild(svg("text", { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 4, "text-anchor": "middle", fill: "#b00", class: "arc-weight" }, String(p[i].arc)));
      }
    }
    for (const n of all) {
      const { x, y } = pos.get(n.work);
      const g = svg("g", { class: "mp-node" });
      g.appendChild(svg("circle", { cx: x, cy: y, r: 8, fill: "#2b6cb0" }));
      g.appendChild(svg("text", { x, y: y + 22, "text-anchor": "middle" }, n.label.length > 24 ? n.label.slice(0, 23) + "…" : n.label));
      g.appendChild(svg("text", { x, y: y + 35, "text-anchor": "middle", fill: "#555" }, `SPC ${n.spc}`));
      g.appendChild(svg("title", {}, `${n.title || n.label} (${n.year})`));
      s.appendChild(g);
    }
    paths.forEach((p, k) => {
      const li = el("li", {}, `path ${k + 1}: `);
      li.appendChild(document.createTextNode(p.map((n) => `${n.label} [${n.year}, SPC ${n.spc}]`).join(" → ")));
      list.appendChild(li);
    });
    state.drawn.mainpath = all.length;
  }

  // -- thematic map: themes by centrality (x) and density (y), medians split the quadrants -----
  async function thematic() {
    const tm = await get("/api/corpus/thematic", { unit: $("th-unit").value, min_occurrences: $("th-minocc").value, top: 250 });
    const themes = tm.themes, box = $("th-chart");
    if (!themes.length) { box.replaceChildren(el("p", {}, "No keywords.")); state.drawn.thematic = 0; return; }
    const W = 900, H = 620, pad = 60;
    const s = canvas(box, W, H);
    const cs = themes.map((t) => t.centrality), ds = themes.map((t) => t.density);
    const median = (v) => { const a = v.slice().sort((p, q) => p - q), m = a.length >> 1; return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2; };
    const mc = median(cs), md = median(ds);
    const [cmin, cmax] = [Math.min(...cs), Math.max(...cs)], [dmin, dmax] = [Math.min(...ds), Math.max(...ds)];
    const xOf = (c) => pad + (W - 2 * pad) * (cmax === cmin ? 0.5 : (c - cmin) / (cmax - cmin));
    const yOf = (d) => H - pad - (H - 2 * pad) * (dmax === dmin ? 0.5 : (d - dmin) / (dmax - dmin));
    s.appendChild(svg("line", { x1: xOf(mc), x2: xOf(mc), y1: pad / 2, y2: H - pad / 2, class: "axis", "stroke-dasharray": "5 4" }));
    s.appendChild(svg("line", { x1: pad / 2, x2: W - pad / 2, y1: yOf(md), y2: yOf(md), class: "axis", "stroke-dasharray": "5 4" }));
    const quads = [["niche themes", pad, pad, "start"], ["motor themes", W - pad, pad, "end"],
                   ["emerging or declining themes", pad, H - pad + 30, "start"], ["basic themes", W - pad, H - pad + 30, "end"]];
    for (const [t, x, y, a] of quads) s.appendChild(svg("text", { x, y, "text-anchor": a, class: "quad" }, t));
    s.appendChild(svg("text", { x: W / 2, y: H - 8, "text-anchor": "middle" }, "Relevance degree (Callon centrality)"));
    s.appendChild(svg("text", { x: 14, y: H / 2, transform: `rotate(-90 14 ${H / 2})`, "text-anchor": "middle" }, "Development degree (Callon density)"));
    const maxOcc = Math.max(...themes.map((t) => t.occurrences), 1);
    for (const t of themes) {
      const g = svg("g", { class: "theme", "data-quadrant": t.quadrant });
      const r = 6 + 26 * Math.sqrt(t.occurrences / maxOcc);
      g.appendChild(svg("circle", { cx: xOf(t.centrality), cy: yOf(t.density), r, fill: COLORS[(t.cluster - 1) % COLORS.length], "fill-opacity": 0.45 }));
      g.appendChild(svg("text", { x: xOf(t.centrality), y: yOf(t.density) + 4, "text-anchor": "middle" }, t.label));
      g.appendChild(svg("title", {}, `${t.label} — ${t.quadrant}; ${t.keywords.map((k) => k.label).join(", ")}`));
      s.appendChild(g);
    }
    state.drawn.thematic = themes.length;
  }

  // -- concept search: every tag of the matching notions with its span highlighted ----------
  async function concepts(ev) {
    if (ev) ev.preventDefault();
    const q = $("cs-q").value.trim();
    const out = await get("/api/corpus/tags", q ? { q, limit: 300 } : { limit: 300 });
    $("cs-count").textContent = `${out.total} tag(s)` + (out.total > out.tags.length ? `, first ${out.tags.length} shown` : "");
    const list = $("cs-hits");
    list.replaceChildren();
    for (const t of out.tags) {
      const li = el("li", { class: "hit" });
      li.appendChild(el("div", {}, `${t.title || t.work}${t.year ? " (" + t.year + ")" : ""}`));
      const quote = el("div", { class: "quote" });
      quote.appendChild(document.createTextNode((t.start > t.prefix.length ? "…" : "") + t.prefix));
      quote.appendChild(el("mark", {}, t.exact));
      quote.appendChild(document.createTextNode(t.suffix + "…"));
      li.appendChild(quote);
      li.appendChild(el("div", { class: "where" }, `${t.field} · ${t.label} · ${t.entity}`));
      list.appendChild(li);
    }
    state.drawn.concepts = out.tags.length;
    if (!("related" in state.drawn)) related().catch((e) => status("error: " + e.message));
  }

  // -- related literature: per curated paper, the works sharing its notions -------------------
  async function related() {
    state.drawn.related = 0;
    const papers = await get("/api/corpus/related", { limit: 20 });
    const box = $("related");
    box.replaceChildren();
    for (const p of papers) {
      box.appendChild(el("h3", {}, `${p.paper} (${p.notions} notions, ${p.related.length} works shown)`));
      const ol = el("ol", { class: "related" });
      for (const r of p.related) {
        const li = el("li", {}, `${r.title || r.work}${r.year ? " (" + r.year + ")" : ""} — `);
        li.appendChild(el("em", {}, r.shared.map((x) => x.label).join("; ")));
        ol.appendChild(li);
      }
      box.appendChild(ol);
      state.drawn.related += p.related.length;
    }
  }

  // -- comparison table ---------------------------------------------------------------------
  async function compare() {
    const c = await get("/api/corpus/compare", {});
    const head = $("cmp").tHead, body = $("cmp").tBodies[0];
    head.replaceChildren();
    body.replaceChildren();
    const tr = el("tr");
    tr.appendChild(el("th", {}, "property"));
    for (const p of c.papers) tr.appendChild(el("th", { scope: "col" }, p.title));
    head.appendChild(tr);
    for (const row of c.rows) {
      const r = el("tr");
      r.appendChild(el("th", { scope: "row" }, row.property));
      for (const p of c.papers) {
        const notions = row.cells[p.iri] || [];
        r.appendChild(el("td", {}, notions.map((n) => n.label + (n.label_zh ? ` (${n.label_zh})` : "")).join("; ") || "—"));
      }
      body.appendChild(r);
    }
    state.drawn.compare = c.rows.length;
  }

  const VIEWS = { bursts, timeline, mainpath, thematic, concepts, compare };
  function show(name) {
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("on", b.dataset.view === name);
    for (const v of document.querySelectorAll(".view")) v.classList.toggle("on", v.id === name);
    state.view = name;
    if (!(name in state.drawn)) VIEWS[name]().catch((e) => status("error: " + e.message));
  }
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => show(b.dataset.view));
  $("burst-go").addEventListener("click", () => bursts().catch((e) => status("error: " + e.message)));
  $("tl-go").addEventListener("click", () => timeline().catch((e) => status("error: " + e.message)));
  $("mp-go").addEventListener("click", () => mainpath().catch((e) => status("error: " + e.message)));
  $("mp-kind").addEventListener("change", () => mainpath().catch((e) => status("error: " + e.message)));
  $("th-go").addEventListener("click", () => thematic().catch((e) => status("error: " + e.message)));
  $("cs-form").addEventListener("submit", (e) => concepts(e).catch((x) => status("error: " + x.message)));
  $("corpus").addEventListener("change", () => { state.drawn = {}; show(state.view); });

  // the corpora to choose from (none imported: the whole graph, the curated papers' literature)
  fetch("/api/corpus/names").then((r) => (r.ok ? r.json() : { corpora: [] })).catch(() => ({ corpora: [] })).then((d) => {
    for (const c of d.corpora || []) $("corpus").appendChild(el("option", { value: c.name }, `${c.name} (${c.documents})`));
    const params = new URLSearchParams(location.search);
    if (params.get("name")) $("corpus").value = params.get("name");
    if (params.get("q")) $("cs-q").value = params.get("q");
    show(params.get("view") in VIEWS ? params.get("view") : "bursts");
  });
})();
