/* The SPARQL editor: YASGUI against this server's /sparql (no other endpoint, no prefix or
   vocabulary look-ups on the network), the named queries ready to load (a parameter's default is
   bound with a trailing VALUES clause), and CONSTRUCT/DESCRIBE answers drawn as a graph. */
(function () {
  "use strict";
  const { el } = window.EntityPanel;
  const I18N = window.I18N;
  const t = (k) => I18N.t(k);
  const $ = (id) => document.getElementById(id);
  const ENDPOINT = location.origin + "/sparql";
  const EXAMPLE = {
    name: "example-construct",
    title: { en: "Example: CONSTRUCT the credit-enhancement neighbourhood", zh: "示例：CONSTRUCT 信用增进机制的邻域" },
    description: "The relations of kg:mechanism/credit-enhancement and the labels of what they link to.",
    parameters: [],
    text: "CONSTRUCT {\n  <https://w3id.org/b2bkg/id/mechanism/credit-enhancement> ?p ?o .\n  <https://w3id.org/b2bkg/id/mechanism/credit-enhancement> rdfs:label ?l .\n  ?o rdfs:label ?ol .\n}\n" +
      "WHERE {\n  GRAPH ?g {\n    <https://w3id.org/b2bkg/id/mechanism/credit-enhancement> ?p ?o ; rdfs:label ?l .\n" +
      "    FILTER(isIRI(?o) && ?p != rdf:type)\n    ?o rdfs:label ?ol .\n    FILTER(LANG(?l) = \"en\" && LANG(?ol) = \"en\")\n  }\n  FILTER(STRENDS(STR(?g), \"/assertions\"))  # every paper's asserted graph\n}\n",
  };
  const named = JSON.parse($("named-queries").textContent).concat([EXAMPLE]);

  // Offline: only the local autocompleters (variables, prefixes declared in the query).
  const Yasqe = window.Yasgui.Yasqe;
  // The server predeclares its prefixes (b2b:, kg:, rdfs: …): tell YASQE's syntax check, whose
  // tokenizer state starts with no prefixes and would mark every such query invalid.
  const PREDECLARED = JSON.parse($("predeclared-prefixes").textContent);
  const sparqlMode = Yasqe.modes && Yasqe.modes.sparql11;
  if (sparqlMode) {
    Yasqe.defineMode("sparql11", (config, parserConfig) => {
      const mode = sparqlMode(config, parserConfig);
      const start = mode.startState;
      mode.startState = function (...args) {
        const state = start.apply(this, args);
        state.prefixes = Object.assign({}, PREDECLARED, state.prefixes);
        return state;
      };
      return mode;
    });
  }
  Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter((n) => n !== "class" && n !== "property");
  const yasgui = new window.Yasgui($("yasgui"), {
    requestConfig: { endpoint: ENDPOINT, method: "POST" },
    endpointCatalogueOptions: { getData: () => [{ endpoint: ENDPOINT }] },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
  });
  window.b2bkgYasgui = yasgui;

  // a "/" may not appear in a SPARQL prefixed name, so kg:mechanism/… defaults become full IRIs
  const PREFIXES = { kg: "https://w3id.org/b2bkg/id/", b2b: "https://w3id.org/b2bkg/def/" };
  function term(p) {
    const v = p["default"];
    if (p.type === "iri") {
      const m = /^(\w+):(?!\/\/)(.*)$/.exec(v.replace(/^<|>$/g, ""));
      return "<" + (m && PREFIXES[m[1]] ? PREFIXES[m[1]] + m[2] : v.replace(/^<|>$/g, "")) + ">";
    }
    if (p.type === "integer" || p.type === "decimal" || p.type === "boolean") return v;
    if (p.type === "year") return JSON.stringify(v) + "^^xsd:gYear";
    return JSON.stringify(v);
  }

  function withParameters(q) {
    if (!q.parameters.length) return q.text;
    const lines = ["", "# parameters (edit to change them):"];
    for (const p of q.parameters) {
      lines.push(p.required ? "# VALUES ?" + p.name + " { … }   # required: " + p.type : "VALUES ?" + p.name + " { " + term(p) + " }");
    }
    return q.text.replace(/\s+$/, "") + "\n" + lines.join("\n") + "\n";
  }

  function renderList() {
    const sel = $("named");
    const keep = sel.value;
    sel.replaceChildren(el("option", { value: "" }, t("sparql.choose")),
      ...named.map((q) => el("option", { value: q.name }, (I18N.lang === "zh" ? q.title.zh || q.title.en : q.title.en) + "  (" + q.name + ")")));
    sel.value = keep;
  }

  function load() {
    const q = named.find((x) => x.name === $("named").value);
    if (!q) return;
    const tab = yasgui.getTab();
    tab.setQuery(withParameters(q));
    $("named-desc").textContent = q.description;
    document.body.dataset.loaded = q.name;
  }

  // CONSTRUCT / DESCRIBE → N-Triples → Cytoscape
  const NT = /^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(.*?)\s*\.\s*$/;
  function unescape(s) { try { return JSON.parse(s); } catch (e) { return s.slice(1, -1); } }
  function parseNTriples(body) {
    const triples = [];
    for (const line of body.split("\n")) {
      const m = NT.exec(line.trim());
      if (!m) continue;
      const o = m[3];
      let obj;
      if (o.startsWith("<")) obj = { iri: o.slice(1, -1) };
      else if (o.startsWith("_:")) obj = { iri: o };
      else { const lm = /^("(?:[^"\\]|\\.)*")(?:@([\w-]+)|\^\^<[^>]*>)?$/.exec(o); obj = { literal: lm ? unescape(lm[1]) : o, lang: lm && lm[2] }; }
      triples.push({ s: m[1].startsWith("<") ? m[1].slice(1, -1) : m[1], p: m[2], o: obj });
    }
    return triples;
  }
  const short = (iri) => iri.replace(/^.*[#/]/, "");

  async function draw() {
    const query = yasgui.getTab().getQuery();
    const status = $("draw-status");
    const r = await fetch(ENDPOINT, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/n-triples" },
      body: new URLSearchParams({ query }) });
    const body = await r.text();
    if (!r.ok) { status.textContent = (JSON.parse(body).error || r.statusText); return; }
    if (!/n-triples/.test(r.headers.get("Content-Type") || "")) { status.textContent = t("sparql.drawhint"); return; }
    const triples = parseNTriples(body);
    const labels = {};
    for (const tr of triples) if (tr.p.endsWith("rdf-schema#label") && tr.o.literal !== undefined && (!labels[tr.s] || tr.o.lang === (I18N.lang === "zh" ? "zh" : "en"))) labels[tr.s] = tr.o.literal;
    const nodes = new Set();
    const edges = [];
    triples.forEach((tr, i) => {
      if (!tr.o.iri) return;
      nodes.add(tr.s); nodes.add(tr.o.iri);
      edges.push({ data: { id: "e" + i, source: tr.s, target: tr.o.iri, label: short(tr.p) } });
    });
    const box = $("construct-graph");
    box.hidden = false;
    if (window.b2bkgConstructCy) window.b2bkgConstructCy.destroy();
    window.b2bkgConstructCy = cytoscape({
      container: box,
      elements: { nodes: [...nodes].map((n) => ({ data: { id: n, label: labels[n] || short(n) } })), edges },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#1f77b4", width: 16, height: 16, "text-valign": "bottom" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#bbb", "target-arrow-color": "#bbb", "text-rotation": "autorotate" } },
      ],
      layout: { name: "cose", animate: false },
    });
    window.b2bkgConstructCy.on("dbltap", "node", (ev) => { if (/^https?:/.test(ev.target.id())) location.href = "/?node=" + encodeURIComponent(ev.target.id()); });
    status.textContent = triples.length + " triples · " + nodes.size + " nodes · " + edges.length + " edges";
  }

  $("load").addEventListener("click", load);
  $("named").addEventListener("change", load);
  $("draw").addEventListener("click", () => draw().catch((e) => { $("draw-status").textContent = e.message; }));
  I18N.onChange(renderList);
  renderList();
  document.body.dataset.ready = "true";
})();
