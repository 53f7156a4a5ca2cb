// Renders CSL-JSON items with citeproc-js and a CSL style; prints the bibliography entries as JSON.
// usage: node citeproc_render.cjs STYLE.csl ITEMS.json LOCALES_DIR
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [stylePath, itemsPath, localesDir] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};
const engine = new CSL.Engine(sys, fs.readFileSync(stylePath, "utf8"), "zh-CN");
engine.setOutputFormat("text");
engine.updateItems(items.map((item) => item.id));
const [, entries] = engine.makeBibliography();
process.stdout.write(JSON.stringify(entries.map((e) => e.trim())));
