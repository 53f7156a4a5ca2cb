/* The reader: the paper section by section from /api/paper, every evidence span highlighted
   (darker where more spans overlap). Clicking a highlight shows the statements it supports and
   the references it cites, each linking to the entity in the graph (/?node=…); /paper#s<start>-<end>
   opens a span, as the explorer's evidence quotes do. */
(function () {
  "use strict";
  const { el, fetchJSON } = window.EntityPanel;
  const I18N = window.I18N;
  const t = (k) => I18N.t(k);
  const $ = (id) => document.getElementById(id);
  let data = null;
  let spans = {};
  let terms = {};
  let current = [];

  const label = (iri) => I18N.label(terms[iri] || { iri });
  const sectionTitle = (s) => (I18N.lang === "zh" ? s.title_zh || s.title : s.title || s.title_zh);
  const numbered = (s) => (/^\d/.test(s.number) ? s.number + " " : "") + sectionTitle(s);

  function entityLink(iri) {
    const term = terms[iri] || {};
    return el("a", { href: "/?node=" + encodeURIComponent(iri), class: "to-graph", "data-iri": iri, title: term.curie || iri }, label(iri));
  }

  function objectOf(o) {
    return typeof o === "string" ? entityLink(o) : el("span", { class: "literal" }, o.value + (o.lang ? "@" + o.lang : ""));
  }

  function renderSections() {
    const toc = $("toc");
    const root = $("sections");
    toc.replaceChildren();
    root.replaceChildren();
    $("paper-title").textContent = I18N.label(data.paper);
    $("paper-stats").textContent = data.counts.spans + " " + t("paper.stats") + " · " + data.counts.evidence + " / " + data.counts.citations;
    for (const s of data.sections) {
      toc.append(el("a", { href: "#sec-" + s.id, class: "l" + s.level }, numbered(s)));
      root.append(el("h" + Math.min(4, s.level + 1), { id: "sec-" + s.id }, numbered(s)));
      for (const p of s.paragraphs) {
        const seen = new Set();
        const para = el("p", { id: "p-" + p.id, class: p.kind || "body", lang: s.id.endsWith("-en") || s.id === "references" ? null : "zh" },
          el("span", { class: "pid", title: "¶ " + p.id }, p.id));
        for (const seg of p.segments) {
          if (!seg.spans.length) { para.append(seg.text); continue; }
          for (const sid of seg.spans) if (!seen.has(sid)) { seen.add(sid); para.append(el("span", { id: sid, class: "anchor" })); }
          const cites = seg.spans.some((sid) => spans[sid] && spans[sid].cites.length);
          para.append(el("mark", { class: "ev" + (cites ? " cite" : ""), "data-spans": seg.spans.join(" "), style: "--d:" + Math.min(5, seg.spans.length) }, seg.text));
        }
        root.append(para);
      }
    }
  }

  function showSpans(ids, scroll) {
    current = ids.filter((sid) => spans[sid]);
    document.querySelectorAll("mark.ev.active").forEach((m) => m.classList.remove("active"));
    for (const sid of current) document.querySelectorAll('mark.ev[data-spans~="' + sid + '"]').forEach((m) => m.classList.add("active"));
    const panel = $("panel");
    panel.replaceChildren(el("h2", {}, t("paper.selected")));
    if (!current.length) { panel.append(el("p", { class: "hint" }, t("paper.pick"))); return; }
    for (const sid of current) {
      const s = spans[sid];
      const box = el("section", { class: "span-detail", "data-span": sid },
        el("blockquote", { class: "quote", lang: "zh" }, "“" + s.exact + "”", el("span", { class: "where" }, "¶ " + s.paragraph + " · " + s.start + "–" + s.end)));
      if (s.supports.length) {
        box.append(el("h3", {}, t("panel.supports") + " (" + s.supports.length + ")"));
        box.append(el("ul", { class: "supports" }, s.supports.map((st) => el("li", {},
          entityLink(st.s), " — ", el("span", { class: "predicate", title: (terms[st.p] || {}).curie }, label(st.p)), " → ", objectOf(st.o)))));
      }
      if (s.cites.length) {
        box.append(el("h3", {}, t("paper.cites")));
        box.append(el("ul", { class: "cites" }, s.cites.map((c) => el("li", {},
          el("strong", {}, "[" + c.number + "] "), entityLink(c.reference),
          c.characterization ? " · " + label(c.characterization) : "",
          c.about.length ? el("div", { class: "stmt" }, t("paper.about") + ": ", c.about.map((a, i) => [i ? ", " : "", entityLink(a)])) : null))));
      }
      panel.append(box);
    }
    if (scroll) {
      const anchor = document.getElementById(current[0]);
      if (anchor) anchor.scrollIntoView({ block: "center" });
    }
  }

  function fromHash() {
    const h = decodeURIComponent(location.hash.slice(1));
    if (spans[h]) showSpans([h], true);
    else if (h) { const target = document.getElementById(h); if (target) target.scrollIntoView(); }
  }

  $("sections").addEventListener("click", (ev) => {
    const m = ev.target.closest("mark.ev");
    if (!m) return;
    const ids = m.dataset.spans.split(" ");
    history.replaceState(null, "", "#" + ids[ids.length - 1]);
    showSpans(ids, false);
  });
  window.addEventListener("hashchange", fromHash);
  I18N.onChange(() => { if (data) { renderSections(); showSpans(current, false); } });

  // /paper/<id> reads that paper, /paper the first one
  const api = location.pathname.startsWith("/paper/") ? "/api" + location.pathname : "/api/paper";
  fetchJSON(api).then((d) => {
    data = d;
    terms = d.terms;
    spans = {};
    for (const s of d.spans) spans[s.id] = s;
    renderSections();
    fromHash();
    document.body.dataset.ready = "true";
  }).catch((e) => { $("paper-stats").textContent = e.message; });
})();
