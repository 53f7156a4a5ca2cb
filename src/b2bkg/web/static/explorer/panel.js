/* The entity panel (explorer and reader): labels in both languages, definition, types, data,
   relations grouped by property (each value links on), evidence quotes with their section and a
   link to the sentence in /paper, and the supporting references. Built with DOM calls only. */
(function () {
  "use strict";
  const t = (k) => window.I18N.t(k);
  const L = (o) => window.I18N.label(o);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function sectionName(s) {
    if (!s) return "";
    const title = window.I18N.lang === "zh" ? (s.title_zh || s.title) : (s.title || s.title_zh);
    return (s.number && /^\d/.test(s.number) ? "§" + s.number + " " : "") + (title || s.id);
  }

  function entityLink(v, onEntity) {
    if (!v.iri) return el("span", {}, v.value + (v.lang ? "@" + v.lang : ""));
    return el("a", {
      href: "/?node=" + encodeURIComponent(v.iri), "data-iri": v.iri, title: v.curie,
      onclick: (ev) => { if (onEntity) { ev.preventDefault(); onEntity(v.iri); } },
    }, L(v));
  }

  function statementLine(st, onEntity) {
    return el("div", { class: "stmt" }, entityLink(st.subject, onEntity), " — ", L(st.predicate), " → ", entityLink(st.object, onEntity));
  }

  function render(root, d, opts) {
    const onEntity = (opts || {}).onEntity;
    root.replaceChildren();
    root.append(el("h1", { "data-iri": d.iri }, L(d)));
    const other = window.I18N.other(d);
    if (other && other !== L(d)) root.append(el("p", { class: "other" }, other));
    root.append(el("p", { class: "meta" }, d.curie, " · ", d["class"] || ""));
    root.append(el("div", { class: "actions" },
      el("a", { href: d.href, class: "entity-page" }, t("panel.page")),
      opts && opts.onExpand ? el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); opts.onExpand(d.iri); } }, t("panel.expand")) : null));

    root.append(el("h3", {}, t("panel.labels")));
    root.append(el("dl", {}, d.labels.map((l) => [el("dt", {}, l.lang || "—"), el("dd", { lang: l.lang }, l.text)])));
    if (d.alt_labels.length) {
      root.append(el("h3", {}, t("panel.alt")));
      root.append(el("p", {}, d.alt_labels.map((l, i) => [i ? " · " : "", el("span", { lang: l.lang }, l.text)])));
    }
    if (d.definition.en || d.definition.zh) {
      root.append(el("h3", {}, t("panel.definition")));
      const first = window.I18N.lang === "zh" ? ["zh", "en"] : ["en", "zh"];
      for (const lg of first) if (d.definition[lg]) root.append(el("p", { lang: lg, class: "definition" }, d.definition[lg]));
    }
    root.append(el("h3", {}, t("panel.types")));
    root.append(el("p", {}, d.types.map((ty) => el("a", { class: "badge" + (ty.asserted ? "" : " inferred"), href: ty.iri.replace("https://w3id.org/b2bkg/", "/"), title: ty.curie + (ty.asserted ? "" : " (" + t("panel.inferred") + ")") }, L(ty)))));
    if (d.data.length) {
      root.append(el("h3", {}, t("panel.data")));
      root.append(el("dl", {}, d.data.map((p) => [el("dt", {}, L(p)), el("dd", {}, p.values.map((v) => v.value).join(" · "))])));
    }
    root.append(el("h3", {}, t("panel.relations"), " (" + d.relations.reduce((n, r) => n + r.values.length, 0) + ")"));
    if (!d.relations.length) root.append(el("p", { class: "hint" }, t("panel.none")));
    root.append(el("dl", { class: "relations" }, d.relations.map((r) => [
      el("dt", { title: r.curie }, (r.direction === "in" ? t("panel.in") : "") + L(r)),
      el("dd", {}, el("ul", {}, r.values.map((v) => el("li", {}, entityLink(v, onEntity))))),
    ])));

    root.append(el("h3", { id: "panel-evidence" }, t("panel.evidence"), " (" + d.evidence.length + ")"));
    if (!d.evidence.length) root.append(el("p", { class: "hint" }, t("panel.none")));
    for (const q of d.evidence) {
      root.append(el("blockquote", { class: "quote evidence", "data-span": q.span },
        el("span", { lang: "zh", class: "exact" }, "“" + q.exact + "”"),
        el("span", { class: "where" }, sectionName(q.section), " · ¶ " + q.paragraph + " · ",
          el("a", { href: q.href, class: "to-paper" }, t("panel.inpaper"))),
        q.supports.map((st) => statementLine(st, onEntity))));
    }
    root.append(el("h3", {}, t("panel.references"), " (" + d.references.length + ")"));
    if (!d.references.length) root.append(el("p", { class: "hint" }, t("panel.none")));
    for (const r of d.references) {
      root.append(el("div", { class: "reference" },
        el("p", {}, el("strong", {}, "[" + (r.number || "?") + "] "), el("a", { href: r.href }, r.text || L(r))),
        r.citations.map((c) => el("blockquote", { class: "quote" },
          el("span", { lang: "zh" }, "“" + c.exact + "”"),
          el("span", { class: "where" }, sectionName(c.section), c.characterization ? " · " + L(c.characterization) : "", " · ",
            el("a", { href: c.href, class: "to-paper" }, t("panel.inpaper")))))));
    }
  }

  async function fetchJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  window.EntityPanel = { render, el, fetchJSON, sectionName };
})();
