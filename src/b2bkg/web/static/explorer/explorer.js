/* The graph explorer: Cytoscape.js over /api/graph, with search, legend filter, side panel,
   expansion on double-click, layouts, centrality sizes and community colours from
   /api/analytics, PNG/SVG export, and the state (view, node, layout, size, colour) in the URL.
   Marks performance entries "b2bkg-layoutstop" and "b2bkg-first-draw" for the first drawing. */
(function () {
  "use strict";
  const { el, fetchJSON } = window.EntityPanel;
  const I18N = window.I18N;
  const t = (k) => I18N.t(k);
  // The layout and export extensions load after the first drawing (or before it, when the first
  // layout needs one): the first drawing waits only for cytoscape itself.
  const EXTENSIONS = ["layout-base.js", "cose-base.js", "cytoscape-fcose.js", "cytoscape-dagre.js"];
  let extensions = null;
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const s = el("script", { src, onload: resolve, onerror: () => reject(new Error("cannot load " + src)) });
      document.head.append(s);
    });
  }
  async function loadSvgExtension() {
    await loadScript("/vendor/cytoscape-svg.js");  // registers itself on the global cytoscape
    if (typeof cy.svg !== "function") cytoscape.use(window.cytoscapeSvg);
  }
  function ensureExtensions() {
    if (!extensions) {
      extensions = EXTENSIONS.reduce((p, name) => p.then(() => loadScript("/vendor/" + name)), Promise.resolve()).then(() => {
        if (!cytoscape("layout", "fcose")) cytoscape.use(window.cytoscapeFcose);
        if (!cytoscape("layout", "dagre")) cytoscape.use(window.cytoscapeDagre);
      }).then(loadSvgExtension).then(() => { window.b2bkgExtensionsReady = true; });
    }
    return extensions;
  }
  const BUILT_IN = new Set(["preset", "cose", "concentric", "breadthfirst", "circle", "grid"]);

  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
    "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5"];
  const LAYOUTS = {
    preset: { name: "preset", animate: false, fit: true, padding: 30 },
    fcose: { name: "fcose", animate: false, quality: "default", randomize: true, nodeRepulsion: 9000, idealEdgeLength: 80, packComponents: true },
    dagre: { name: "dagre", rankDir: "LR", nodeSep: 18, rankSep: 90, animate: false },
    cose: { name: "cose", animate: false, randomize: true, nodeRepulsion: 9000 },
    concentric: { name: "concentric", animate: false, concentric: (n) => n.data("size"), levelWidth: () => 8 },
    breadthfirst: { name: "breadthfirst", directed: true, animate: false, spacingFactor: 0.9 },
    circle: { name: "circle", animate: false },
    grid: { name: "grid", animate: false },
  };

  const params = new URLSearchParams(location.search);
  const state = {
    view: params.get("view") || "whole",
    layout: params.get("layout") || "",
    node: params.get("node") || "",
    size: params.has("size") ? params.get("size") : "pagerank",
    colour: params.get("colour") || "group",
  };
  const $ = (id) => document.getElementById(id);
  const ui = { view: $("view"), layout: $("layout"), size: $("size"), colour: $("colour"), search: $("search"),
    results: $("search-results"), legend: $("legend"), panel: $("panel"), status: $("status") };
  let cy = null;
  let graph = null;             // the /api/graph answer of the current view
  let groupColour = {};
  const hidden = new Set();
  let scores = {};              // iri -> centrality score
  let community = {};           // iri -> community id
  let lastEntity = null;
  let firstDrawDone = false;

  function saveState() {
    const p = new URLSearchParams();
    p.set("view", state.view);
    if (state.layout) p.set("layout", state.layout);
    if (state.node) p.set("node", state.node);
    if (state.size !== "pagerank") p.set("size", state.size);
    if (state.colour !== "group") p.set("colour", state.colour);
    history.replaceState(null, "", "/?" + p.toString());
  }

  function status(text) { ui.status.textContent = text; }

  function displayLabel(d) {
    const s = I18N.lang === "zh" ? (d.label_zh || d.label) : (d.label || d.label_zh);
    return s && s.length > 32 ? s.slice(0, 30) + "…" : s;
  }

  function colourOf(d) {
    if (state.colour === "community") {
      const c = community[d.id];
      return c === undefined ? "#dddddd" : PALETTE[(c - 1) % PALETTE.length];
    }
    return groupColour[d.group] || "#dddddd";
  }

  function applySizes() {
    if (!cy) return;
    const vals = cy.nodes().map((n) => (state.size ? scores[n.id()] || 0 : n.degree()));
    const max = Math.max(1e-9, ...vals);
    cy.batch(() => cy.nodes().forEach((n, i) => n.data("size", 14 + 38 * Math.sqrt(vals[i] / max))));
  }

  function applyColours() {
    if (!cy) return;
    cy.batch(() => cy.nodes().forEach((n) => n.data("colour", colourOf(n.data()))));
  }

  function applyLabels() {
    if (!cy) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => n.data("display", displayLabel(n.data())));
      cy.edges().forEach((e) => e.data("display", displayLabel(e.data())));
    });
  }

  function prepare(elements) {
    const degree = {};
    for (const e of elements.edges) { degree[e.data.source] = (degree[e.data.source] || 0) + 1; degree[e.data.target] = (degree[e.data.target] || 0) + 1; }
    const max = Math.max(1, ...Object.values(degree));
    for (const n of elements.nodes) {
      n.data.display = displayLabel(n.data); n.data.colour = colourOf(n.data);
      n.data.size = 14 + 38 * Math.sqrt((degree[n.data.id] || 0) / max);
    }
    for (const e of elements.edges) { e.data.display = displayLabel(e.data); }
    return elements;
  }

  function style(many) {
    return [
      { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)", label: "data(display)",
        "font-size": 10, "text-valign": "bottom", "text-margin-y": 2, "min-zoomed-font-size": 7, color: "#333" } },
      { selector: "edge", style: { width: "mapData(evidence, 0, 6, 1, 3.5)", "line-color": "#c8c8c8", "target-arrow-color": "#c8c8c8",
        "target-arrow-shape": many ? "none" : "triangle", "curve-style": many ? "haystack" : "bezier", "arrow-scale": 0.7, opacity: 0.85 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#c0392b" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: "edge.hl", style: { label: "data(display)", "font-size": 9, "line-color": "#c0392b", "target-arrow-color": "#c0392b",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.85, opacity: 1, "z-index": 9 } },
      { selector: "node.hl", style: { "font-weight": "bold", "z-index": 9 } },
      { selector: ".filtered", style: { display: "none" } },
    ];
  }

  function layoutOptions(name, incremental) {
    const o = Object.assign({}, LAYOUTS[name] || LAYOUTS.fcose);
    if (incremental && (o.name === "fcose" || o.name === "cose")) { o.randomize = false; o.animate = true; o.animationDuration = 400; }
    return o;
  }

  async function runLayout(incremental) {
    if (!BUILT_IN.has(state.layout)) await ensureExtensions();
    const lay = (hidden.size ? cy.elements(":visible") : cy.elements()).layout(layoutOptions(state.layout, incremental));
    if (!firstDrawDone) performance.mark("b2bkg-layoutstart");
    lay.one("layoutstop", () => {
      if (!firstDrawDone) {
        firstDrawDone = true;
        performance.mark("b2bkg-layoutstop");
        requestAnimationFrame(() => {
          performance.mark("b2bkg-first-draw");
          ensureExtensions().catch((e) => status(e.message));
          const ms = Math.round(performance.getEntriesByName("b2bkg-first-draw")[0].startTime);
          window.b2bkgFirstDraw = ms;
          status(graph.counts.nodes + " " + t("status.nodes") + " · " + graph.counts.edges + " " + t("status.edges") + " · " + t("status.firstdraw") + " " + ms + " ms");
        });
      }
    });
    lay.run();
  }

  function renderLegend() {
    ui.legend.replaceChildren(...graph.legend.map((g) => el("li", {
      "data-group": g.key, class: hidden.has(g.key) ? "off" : "", title: g.key,
      onclick: () => { if (hidden.has(g.key)) hidden.delete(g.key); else hidden.add(g.key); applyFilter(); renderLegend(); },
    }, el("span", { class: "swatch", style: "background:" + g.colour }), I18N.lang === "zh" ? g.label_zh : g.label, el("span", { class: "count" }, g.count))));
  }

  function applyFilter() {
    if (!hidden.size && !cy.nodes(".filtered").length) return;
    cy.batch(() => {
      cy.nodes().forEach((n) => n.toggleClass("filtered", hidden.has(n.data("group"))));
    });
  }

  async function loadView() {
    status(t("status.loading"));
    const early = window.b2bkgGraphRequest;  // started by the page before the libraries loaded
    window.b2bkgGraphRequest = null;
    graph = early && early.view === state.view ? await early.promise : await fetchJSON("/api/graph?view=" + encodeURIComponent(state.view));
    performance.mark("b2bkg-graph-loaded");
    groupColour = {};
    for (const g of graph.legend) groupColour[g.key] = g.colour;
    if (!state.layout) state.layout = graph.layout;
    ui.layout.value = state.layout;
    ui.view.value = graph.view;
    state.view = graph.view;
    const elements = prepare(graph.elements);
    if (cy) cy.destroy();
    cy = cytoscape({ container: $("cy"), elements, style: style(elements.edges.length > 2000), layout: { name: "preset" },
      minZoom: 0.05, maxZoom: 4 });
    window.b2bkgCy = cy;
    applyFilter();
    await runLayout(false);
    renderLegend();
    cy.on("tap", "node", (ev) => select(ev.target.id()));
    cy.on("tap", (ev) => { if (ev.target === cy) clearSelection(); });
    cy.on("dbltap", "node", (ev) => expand(ev.target.id()));
    if (state.node) await focusNode(state.node);
    else status(graph.counts.nodes + " " + t("status.nodes") + " · " + graph.counts.edges + " " + t("status.edges"));
    saveState();
    loadAnalytics();
  }

  async function loadAnalytics() {
    try {
      const jobs = [];
      if (state.size) {
        jobs.push(fetchJSON("/api/analytics/centrality?measure=" + encodeURIComponent(state.size) + "&top=1000").then((a) => {
          scores = {};
          for (const r of a.result.results) scores[r.iri] = r.score;
          applySizes();
        }));
      } else applySizes();
      if (state.colour === "community" && !Object.keys(community).length) {
        jobs.push(fetchJSON("/api/analytics/communities?members=500").then((a) => {
          community = {};
          for (const c of a.result.communities) for (const m of c.members) community[m.iri] = c.id;
        }));
      }
      await Promise.all(jobs);
      applyColours();
    } catch (e) {
      status("analytics: " + e.message);
    }
  }

  function clearSelection() {
    cy.elements().removeClass("faded hl");
    cy.nodes().unselect();
    state.node = "";
    lastEntity = null;
    ui.panel.replaceChildren(el("p", { class: "hint" }, t("panel.empty")));
    saveState();
  }

  function highlight(node) {
    cy.batch(() => {
      const hood = node.closedNeighborhood();
      cy.elements().addClass("faded").removeClass("hl");
      hood.removeClass("faded");
      node.connectedEdges().addClass("hl");
      hood.nodes().addClass("hl");
    });
  }

  async function select(iri) {
    const node = cy.getElementById(iri);
    if (!node.length) return;
    cy.nodes().unselect();
    node.select();
    highlight(node);
    state.node = iri;
    saveState();
    ui.panel.replaceChildren(el("p", { class: "hint" }, t("status.loading")));
    try {
      lastEntity = await fetchJSON("/api/entity?iri=" + encodeURIComponent(iri));
      renderPanel();
    } catch (e) {
      ui.panel.replaceChildren(el("p", { class: "hint" }, e.message));
    }
  }

  function renderPanel() {
    if (!lastEntity) return;
    window.EntityPanel.render(ui.panel, lastEntity, { onEntity: focusNode, onExpand: expand });
  }

  async function expand(iri) {
    const n = await fetchJSON("/api/neighbours?iri=" + encodeURIComponent(iri));
    const centre = cy.getElementById(iri);
    const origin = centre.length ? centre.position() : { x: 0, y: 0 };
    const fresh = prepare(n.elements);
    const add = [];
    fresh.nodes.forEach((nd, i) => {
      if (cy.getElementById(nd.data.id).length) return;
      const a = (2 * Math.PI * i) / Math.max(1, fresh.nodes.length);
      add.push({ group: "nodes", data: nd.data, position: { x: origin.x + 90 * Math.cos(a), y: origin.y + 90 * Math.sin(a) } });
    });
    for (const ed of fresh.edges) if (!cy.getElementById(ed.data.id).length) add.push({ group: "edges", data: ed.data });
    cy.add(add);
    for (const nd of fresh.nodes) {
      if (!groupColour[nd.data.group]) groupColour[nd.data.group] = "#dddddd";
    }
    applySizes();
    applyColours();
    applyFilter();
    if (add.length) await runLayout(true);
    status(cy.nodes().length + " " + t("status.nodes") + " · " + cy.edges().length + " " + t("status.edges"));
  }

  async function focusNode(iri) {
    if (!cy.getElementById(iri).length) await expand(iri);
    const node = cy.getElementById(iri);
    if (!node.length) return;
    node.removeClass("filtered");
    await select(iri);
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 300 });
  }

  // search as you type
  let searchTimer = null;
  let searchSeq = 0;
  let active = -1;
  function showResults(items) {
    active = -1;
    if (!items) { ui.results.hidden = true; return; }
    ui.results.replaceChildren(...(items.length ? items.map((r, i) => el("li", {
      role: "option", "data-iri": r.iri, "data-index": i,
      onmousedown: (ev) => { ev.preventDefault(); pick(r.iri); },
    }, el("span", { class: "swatch", style: "background:" + (groupColour[r.group] || "#ddd") }),
    el("span", {}, I18N.label(r)), el("small", {}, I18N.other(r) + " · " + r["class"]))) : [el("li", {}, t("search.none"))]));
    ui.results.hidden = false;
  }
  function pick(iri) { showResults(null); ui.search.blur(); focusNode(iri); }
  ui.search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    const q = ui.search.value.trim();
    if (!q) { showResults(null); return; }
    searchTimer = setTimeout(async () => {
      const seq = ++searchSeq;
      try {
        const r = await fetchJSON("/api/search?limit=15&q=" + encodeURIComponent(q));
        if (seq === searchSeq) showResults(r.results);
      } catch (e) { status(e.message); }
    }, 120);
  });
  ui.search.addEventListener("keydown", (ev) => {
    const items = [...ui.results.querySelectorAll("li[data-iri]")];
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : -1) + items.length) % Math.max(1, items.length);
      items.forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    } else if (ev.key === "Enter" && items.length) {
      pick(items[Math.max(0, active)].dataset.iri);
    } else if (ev.key === "Escape") showResults(null);
  });
  ui.search.addEventListener("blur", () => setTimeout(() => showResults(null), 150));

  // toolbar
  ui.view.addEventListener("change", () => { state.view = ui.view.value; state.layout = ""; state.node = ""; hidden.clear(); loadView(); });
  ui.layout.addEventListener("change", () => { state.layout = ui.layout.value; saveState(); runLayout(false).catch((e) => status(e.message)); });
  ui.size.addEventListener("change", () => { state.size = ui.size.value; saveState(); loadAnalytics(); });
  ui.colour.addEventListener("change", () => { state.colour = ui.colour.value; saveState(); loadAnalytics(); });
  $("fit").addEventListener("click", () => cy.fit(cy.elements(":visible"), 30));
  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  $("export-png").addEventListener("click", () => download(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), "b2bkg-" + state.view + ".png"));
  $("export-svg").addEventListener("click", async () => {
    await ensureExtensions();
    download(new Blob([cy.svg({ full: true, bg: "#ffffff" })], { type: "image/svg+xml" }), "b2bkg-" + state.view + ".svg");
  });

  function relabelViews() { [...ui.view.options].forEach((o) => { o.textContent = o.dataset[I18N.lang === "zh" ? "zh" : "en"]; }); }
  I18N.onChange(() => { relabelViews(); applyLabels(); if (graph) renderLegend(); renderPanel(); if (!lastEntity) ui.panel.replaceChildren(el("p", { class: "hint" }, t("panel.empty"))); });

  ui.size.value = state.size;
  ui.colour.value = state.colour;
  relabelViews();
  window.b2bkgExplorer = { state, focusNode, expand, select };
  loadView().catch((e) => status(e.message));
})();
