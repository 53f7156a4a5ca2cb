// The literature map: a corpus network from /api/corpus/network drawn the way VOSviewer users
// expect (circles and labels sized by weight, clusters coloured, overlay by average year, density
// view), a node table, year and weight filters, and the documents behind a node or a link.
"use strict";
(function () {
  const PALETTE = ["#d62728", "#2ca02c", "#1f77b4", "#bcbd22", "#9467bd", "#17becf", "#ff7f0e", "#e377c2",
    "#8c564b", "#7f7f7f", "#aec7e8", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94"];
  const $ = (id) => document.getElementById(id);
  const canvas = $("map"), ctx = canvas.getContext("2d");
  let net = null, kinds = {}, selected = null, selectedLink = null;

  function esc(s) { return String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c])); }
  async function getJSON(url, upload) {
    // a thesaurus file goes as the body of a POST; everything else is a GET
    const r = upload == null ? await fetch(url)
      : await fetch(url, { method: "POST", headers: { "Content-Type": "text/tab-separated-values" }, body: upload });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }
  function viridis(t) {  // a short perceptual ramp: dark blue -> green -> yellow
    const stops = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
    const x = Math.max(0, Math.min(1, t)) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
    const c = stops[i].map((v, k) => Math.round(v + f * (stops[i + 1][k] - v)));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }
  function view() { return document.querySelector("input[name=view]:checked").value; }
  function visible() {
    if (!net) return [];
    const ymin = parseFloat($("ymin").value), ymax = parseFloat($("ymax").value), wmin = parseInt($("wmin").value || "1", 10);
    return net.nodes.filter((n) => n.occurrences >= wmin
      && (isNaN(ymin) || n.avg_year == null || n.avg_year >= ymin) && (isNaN(ymax) || n.avg_year == null || n.avg_year <= ymax));
  }
  function years() {
    const ys = net.nodes.map((n) => n.avg_year).filter((y) => y != null);
    return ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  }
  function place() {  // screen coordinates from the layout's [-1, 1] box
    const pad = 60, w = canvas.width - 2 * pad, h = canvas.height - 2 * pad;
    for (const n of net.nodes) { n.sx = pad + (n.x + 1) / 2 * w; n.sy = pad + (1 - (n.y + 1) / 2) * h; }
  }
  function radius(n, maxOcc) { return 3 + 14 * Math.sqrt(n.occurrences / maxOcc); }
  function colour(n, yr) {
    if (view() === "overlay") return n.avg_year == null ? "#bbb" : viridis((n.avg_year - yr[0]) / ((yr[1] - yr[0]) || 1));
    return PALETTE[(n.cluster - 1) % PALETTE.length];
  }
  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!net) return;
    const nodes = visible(), shown = new Set(nodes.map((n) => n.id)), byId = new Map(net.nodes.map((n) => [n.id, n]));
    const maxOcc = Math.max(1, ...nodes.map((n) => n.occurrences)), yr = years();
    if (view() === "density") { density(nodes, maxOcc); } else {
      const maxW = Math.max(1e-12, ...net.links.map((l) => l.weight));
      for (const l of net.links) {
        if (!shown.has(l.source) || !shown.has(l.target)) continue;
        const a = byId.get(l.source), b = byId.get(l.target);
        const on = selected && (l.source === selected || l.target === selected) || selectedLink === l;
        ctx.strokeStyle = on ? "rgba(0,0,0,.7)" : "rgba(120,120,120," + (0.08 + 0.35 * l.weight / maxW) + ")";
        ctx.lineWidth = on ? 2 : 0.5 + 2 * l.weight / maxW;
        ctx.beginPath(); ctx.moveTo(a.sx, a.sy); ctx.lineTo(b.sx, b.sy); ctx.stroke();
      }
      for (const n of nodes) {
        ctx.fillStyle = colour(n, yr); ctx.globalAlpha = 0.85;
        ctx.beginPath(); ctx.arc(n.sx, n.sy, radius(n, maxOcc), 0, 2 * Math.PI); ctx.fill();
        ctx.globalAlpha = 1;
        if (n.id === selected) { ctx.strokeStyle = "#000"; ctx.lineWidth = 2; ctx.stroke(); }
      }
    }
    labels(nodes, maxOcc);
    legend(yr);
  }
  function labels(nodes, maxOcc) {  // biggest first; a label is skipped where it would overlap one drawn
    const boxes = [];
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (const n of [...nodes].sort((a, b) => b.occurrences - a.occurrences)) {
      const size = Math.round(10 + 10 * Math.sqrt(n.occurrences / maxOcc));
      ctx.font = `${size}px system-ui, "WenQuanYi Zen Hei", sans-serif`;
      const text = n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label;
      const w = ctx.measureText(text).width, box = [n.sx - w / 2, n.sy - size / 2, n.sx + w / 2, n.sy + size / 2];
      if (n.id !== selected && boxes.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      boxes.push(box);
      ctx.fillStyle = "rgba(255,255,255,.6)"; ctx.fillRect(box[0], box[1], w, size);
      ctx.fillStyle = "#111"; ctx.fillText(text, n.sx, n.sy);
    }
  }
  function density(nodes, maxOcc) {  // kernel density of the items, weighted by occurrences
    const W = canvas.width, H = canvas.height, img = ctx.createImageData(W, H), field = new Float32Array(W * H);
    const sigma = Math.max(W, H) / 25;
    for (const n of nodes) {
      const wgt = n.occurrences / maxOcc, r = Math.ceil(3 * sigma);
      for (let y = Math.max(0, Math.floor(n.sy - r)); y < Math.min(H, n.sy + r); y++)
        for (let x = Math.max(0, Math.floor(n.sx - r)); x < Math.min(W, n.sx + r); x++) {
          const d2 = (x - n.sx) ** 2 + (y - n.sy) ** 2;
          field[y * W + x] += wgt * Math.exp(-d2 / (2 * sigma * sigma));
        }
    }
    const max = Math.max(1e-9, ...field.filter((_, i) => i % 97 === 0), 0.5);
    for (let i = 0; i < field.length; i++) {
      const t = Math.min(1, field[i] / max), c = viridis(t).match(/\d+/g).map(Number);
      img.data.set([c[0], c[1], c[2], Math.round(255 * Math.min(1, t * 1.5))], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }
  function legend(yr) {
    if (view() === "overlay") {
      $("legend").innerHTML = `avg. publication year: <span class="swatch" style="background:${viridis(0)}"></span>${yr[0].toFixed(0)}`
        + ` … <span class="swatch" style="background:${viridis(1)}"></span>${yr[1].toFixed(0)}`;
    } else {
      $("legend").innerHTML = `${net.nodes.length} items of ${net.items_total}, ${net.links.length} links, `
        + `${net.clusters} clusters, modularity ${net.modularity ?? "–"}`
        + [...new Set(net.nodes.map((n) => n.cluster))].slice(0, 12).map((c) =>
          `<span class="swatch" style="background:${PALETTE[(c - 1) % PALETTE.length]}"></span>${c}`).join("");
    }
  }
  function table() {
    const rows = visible().slice().sort((a, b) => b.occurrences - a.occurrences);
    $("nodes").querySelector("tbody").innerHTML = rows.map((n) =>
      `<tr data-id="${esc(n.id)}" class="${n.id === selected ? "selected" : ""}"><td>${esc(n.label)}</td><td>${n.cluster}</td>`
      + `<td>${n.occurrences}</td><td>${n.links}</td><td>${n.total_link_strength}</td><td>${n.avg_year ?? ""}</td></tr>`).join("");
  }
  async function thesaurus() {
    const f = $("thesaurus").files && $("thesaurus").files[0];
    return f && $("kind").value === "keywords" && $("unit").value === "terms" ? await f.text() : null;
  }
  async function documents(items, title) {
    $("detail").innerHTML = `<h3>${esc(title)}</h3><p>loading…</p>`;
    const p = new URLSearchParams({ kind: net.kind, unit: net.unit });
    for (const i of items) p.append("item", i);
    if (net.corpus) p.set("name", net.corpus);
    const body = await getJSON("/api/corpus/documents?" + p, net.thesaurus);
    const more = body.total > body.documents.length ? ` (the first ${body.documents.length} shown)` : "";
    $("detail").innerHTML = `<h3>${esc(title)}</h3><p>${body.total} document(s)${more}</p><ol>`
      + body.documents.map((d) => `<li>${esc(d.title)} <em>(${d.year ?? "n.d."}${d.source ? ", " + esc(d.source) : ""})</em></li>`).join("")
      + "</ol>";
  }
  function select(id) {
    selected = id; selectedLink = null;
    const n = net.nodes.find((x) => x.id === id);
    draw(); table();
    if (n) documents([n.id], n.label).catch(fail);
  }
  function pick(x, y) {
    const nodes = visible(), maxOcc = Math.max(1, ...nodes.map((n) => n.occurrences));
    for (const n of nodes) if ((n.sx - x) ** 2 + (n.sy - y) ** 2 <= (radius(n, maxOcc) + 2) ** 2) return { node: n };
    const byId = new Map(net.nodes.map((n) => [n.id, n])), shown = new Set(nodes.map((n) => n.id));
    let best = null, bestD = 5;
    for (const l of net.links) {
      if (!shown.has(l.source) || !shown.has(l.target)) continue;
      const a = byId.get(l.source), b = byId.get(l.target), dx = b.sx - a.sx, dy = b.sy - a.sy;
      const t = Math.max(0, Math.min(1, ((x - a.sx) * dx + (y - a.sy) * dy) / (dx * dx + dy * dy || 1)));
      const d = Math.hypot(x - (a.sx + t * dx), y - (a.sy + t * dy));
      if (d < bestD) { bestD = d; best = l; }
    }
    return best ? { link: best } : null;
  }
  function fail(e) { $("status").textContent = "error: " + e.message; }
  async function load() {
    $("status").textContent = "counting…";
    const p = new URLSearchParams({ unit: $("unit").value, counting: $("counting").value,
      min_occurrences: $("minocc").value || "1", top: $("top").value || "200" });
    if ($("corpus").value) p.set("name", $("corpus").value);
    const words = await thesaurus();
    net = await getJSON(`/api/corpus/network/${encodeURIComponent($("kind").value)}?${p}`, words);
    net.corpus = $("corpus").value; net.thesaurus = words;
    selected = null; selectedLink = null;
    $("detail").innerHTML = "<p>Click a node or a link for the documents behind it.</p>";
    const yr = years();
    $("ymin").value = Math.floor(yr[0]); $("ymax").value = Math.ceil(yr[1]);
    place(); draw(); table();
    $("status").textContent = "";
    window.b2bkgCorpusMap = { nodes: net.nodes.length, links: net.links.length, clusters: net.clusters };
  }
  function units() {
    $("unit").innerHTML = (kinds[$("kind").value] || []).map((u) => `<option>${esc(u)}</option>`).join("");
  }
  canvas.addEventListener("click", (e) => {
    if (!net) return;
    const r = canvas.getBoundingClientRect(), x = (e.clientX - r.left) * canvas.width / r.width, y = (e.clientY - r.top) * canvas.height / r.height;
    const hit = pick(x, y);
    if (!hit) return;
    if (hit.node) { select(hit.node.id); return; }
    selectedLink = hit.link; selected = null; draw(); table();
    const a = net.nodes.find((n) => n.id === hit.link.source), b = net.nodes.find((n) => n.id === hit.link.target);
    documents([a.id, b.id], `${a.label} — ${b.label} (${hit.link.count})`).catch(fail);
  });
  $("nodes").addEventListener("click", (e) => { const tr = e.target.closest("tr[data-id]"); if (tr) select(tr.dataset.id); });
  for (const id of ["ymin", "ymax", "wmin"]) $(id).addEventListener("input", () => { draw(); table(); });
  for (const r of document.querySelectorAll("input[name=view]")) r.addEventListener("change", draw);
  $("kind").addEventListener("change", units);
  $("load").addEventListener("click", () => load().catch(fail));
  getJSON("/api/corpus").then((info) => {
    kinds = info.kinds;
    $("corpus").innerHTML += info.corpora.map((c) => `<option value="${esc(c.name)}">${esc(c.name)} (${c.documents})</option>`).join("");
    $("kind").innerHTML = Object.keys(kinds).map((k) => `<option>${esc(k)}</option>`).join("");
    const params = new URLSearchParams(location.search);
    $("kind").value = params.get("kind") || "co-citation"; units();
    if (params.get("unit")) $("unit").value = params.get("unit");
    if (params.get("name")) $("corpus").value = params.get("name");
    if (params.get("min_occurrences")) $("minocc").value = params.get("min_occurrences");
    if (!info.corpora.length) { $("status").textContent = "no corpus in the store: b2bkg corpus import FILE…"; window.b2bkgCorpusMap = { nodes: 0 }; return; }
    return load();
  }).catch(fail);
})();
