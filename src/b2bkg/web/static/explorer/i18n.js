/* The interface's words in Chinese and English, and the language switch (中文 / English).
   The language comes from ?lang=, then localStorage, then the browser; elements carry
   data-i18n (text), data-i18n-placeholder and data-i18n-title keys. */
(function () {
  "use strict";
  const WORDS = {
    "brand": ["B2B platforms & SMEs — knowledge graph", "跨境 B2B 平台与中小企业 · 知识图谱"],
    "nav.explorer": ["Explorer", "图谱浏览"],
    "nav.paper": ["Paper", "论文"],
    "nav.sparql": ["SPARQL", "SPARQL 查询"],
    "nav.ontology": ["Ontology", "本体"],
    "nav.api": ["API", "接口"],
    "resource.as": ["As", "格式"],
    "resource.cite": ["Cite as", "引用格式"],
    "resource.properties": ["Properties", "属性"],
    "resource.property": ["property", "属性"],
    "resource.value": ["value", "值"],
    "resource.subject": ["subject", "主体"],
    "resource.statements": ["Statements, with the paper's words", "陈述及论文原文"],
    "resource.referenced": ["Referenced by", "被引用于"],
    "view": ["View", "视图"],
    "layout": ["Layout", "布局"],
    "layout.preset": ["force (precomputed)", "力导向（预计算）"],
    "size": ["Size by", "节点大小"],
    "colour": ["Colour by", "颜色"],
    "colour.group": ["class", "类别"],
    "colour.community": ["community", "社区"],
    "size.none": ["degree in view", "视图内度数"],
    "search.placeholder": ["Search entities (中文 or English)…", "搜索实体（中文或英文）…"],
    "search.none": ["No entity matches.", "没有匹配的实体。"],
    "export.png": ["PNG", "导出 PNG"],
    "export.svg": ["SVG", "导出 SVG"],
    "fit": ["Fit", "适应窗口"],
    "legend": ["Legend (click to filter)", "图例（点击筛选）"],
    "legend.all": ["all", "全部"],
    "panel.empty": ["Click a node to see what the paper says about it; double-click to expand its neighbours.",
                    "单击节点查看论文对它的论述；双击展开其邻居。"],
    "panel.labels": ["Labels", "标签"],
    "panel.alt": ["Also called", "又称"],
    "panel.definition": ["Definition", "定义"],
    "panel.types": ["Types", "类型"],
    "panel.data": ["Data", "数据"],
    "panel.relations": ["Relations", "关系"],
    "panel.evidence": ["Evidence in the paper", "论文中的证据"],
    "panel.references": ["Supporting references", "支持文献"],
    "panel.page": ["Entity page", "实体页面"],
    "panel.expand": ["Expand neighbours", "展开邻居"],
    "panel.inpaper": ["read in the paper", "在论文中阅读"],
    "panel.supports": ["supports", "支持"],
    "panel.none": ["none", "无"],
    "panel.inferred": ["inferred", "推理"],
    "panel.in": ["← ", "← "],
    "status.loading": ["Loading…", "加载中…"],
    "status.nodes": ["nodes", "个节点"],
    "status.edges": ["edges", "条边"],
    "status.firstdraw": ["first drawing", "首次绘制"],
    "paper.title": ["The paper, with its evidence", "论文原文与证据"],
    "paper.intro": ["Highlighted spans are quoted as evidence for statements of the graph (darker: more statements). Click one to see what it supports.",
                    "高亮部分被用作图谱陈述的证据（颜色越深，支持的陈述越多）。点击查看其支持的内容。"],
    "paper.contents": ["Contents", "目录"],
    "paper.selected": ["Selected span", "所选片段"],
    "paper.pick": ["Click a highlighted span.", "请点击高亮片段。"],
    "paper.ingraph": ["show in the graph", "在图谱中显示"],
    "paper.cites": ["cites", "引用"],
    "paper.about": ["about", "关于"],
    "paper.stats": ["spans", "个证据片段"],
    "sparql.title": ["SPARQL editor", "SPARQL 编辑器"],
    "sparql.intro": ["A read-only SPARQL 1.1 endpoint; the default graph is the union of the named graphs; prefixes b2b:, kg:, rdfs:, skos: … are predeclared.",
                     "只读 SPARQL 1.1 端点；默认图为所有命名图的并集；已预先声明 b2b:、kg:、rdfs:、skos: 等前缀。"],
    "sparql.named": ["Named queries", "命名查询"],
    "sparql.load": ["Load", "载入"],
    "sparql.choose": ["— choose a named query —", "— 选择命名查询 —"],
    "sparql.draw": ["Draw CONSTRUCT result as a graph", "将 CONSTRUCT 结果绘制为图"],
    "sparql.drawhint": ["Run a CONSTRUCT or DESCRIBE query, then draw its triples.", "运行 CONSTRUCT 或 DESCRIBE 查询后可绘制其三元组。"],
    "sparql.example": ["Example: CONSTRUCT the credit-enhancement neighbourhood", "示例：CONSTRUCT 信用增进机制的邻域"],
  };
  const KEY = "b2bkg.lang";

  function initial() {
    const fromUrl = new URLSearchParams(location.search).get("lang");
    if (fromUrl === "zh" || fromUrl === "en") return fromUrl;
    try { const s = localStorage.getItem(KEY); if (s === "zh" || s === "en") return s; } catch (e) { /* private mode */ }
    return (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
  }

  const I18N = {
    lang: initial(),
    listeners: [],
    t(key) { const w = WORDS[key]; return w ? w[I18N.lang === "zh" ? 1 : 0] : key; },
    label(obj) { if (!obj) return ""; return I18N.lang === "zh" ? (obj.label_zh || obj.label || obj.iri || "") : (obj.label || obj.label_zh || obj.iri || ""); },
    other(obj) { if (!obj) return ""; return I18N.lang === "zh" ? (obj.label || "") : (obj.label_zh || ""); },
    apply(root) {
      const r = root || document;
      r.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = I18N.t(el.dataset.i18n); });
      r.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = I18N.t(el.dataset.i18nPlaceholder); });
      r.querySelectorAll("[data-i18n-title]").forEach((el) => { el.title = I18N.t(el.dataset.i18nTitle); });
      document.documentElement.lang = I18N.lang === "zh" ? "zh-CN" : "en";
      document.querySelectorAll(".lang-switch button").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.lang === I18N.lang)));
    },
    set(lang) {
      I18N.lang = lang;
      try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode */ }
      I18N.apply();
      I18N.listeners.forEach((f) => f(lang));
    },
    onChange(f) { I18N.listeners.push(f); },
  };
  window.I18N = I18N;
  document.querySelectorAll(".lang-switch button").forEach((b) => b.addEventListener("click", () => I18N.set(b.dataset.lang)));
  I18N.apply();
})();
