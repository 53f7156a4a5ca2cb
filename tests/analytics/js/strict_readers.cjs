// Reads b2bkg's exports with strict JavaScript readers and prints what they saw as JSON.
// usage: node strict_readers.cjs GRAPHML GEXF CYJS
const fs = require("fs");
const Graph = require("graphology");
const graphml = require("graphology-graphml");
const gexf = require("graphology-gexf");
const cytoscape = require("cytoscape");

const [graphmlFile, gexfFile, cyFile] = process.argv.slice(2);
const out = {};
const gm = graphml.parse(Graph, fs.readFileSync(graphmlFile, "utf8"), { addMissingNodes: false });
out.graphml = {
  nodes: gm.order,
  edges: gm.size,
  edgeAttributeTypes: Object.fromEntries(
    gm.edges().flatMap((e) => Object.entries(gm.getEdgeAttributes(e)).map(([k, v]) => [k, typeof v]))),
};
const gx = gexf.parse(Graph, fs.readFileSync(gexfFile, "utf8"));
out.gexf = {
  nodes: gx.order,
  edges: gx.size,
  drawn: gx.nodes().filter((n) => {
    const a = gx.getNodeAttributes(n);
    return typeof a.x === "number" && typeof a.y === "number" && typeof a.size === "number" && /^rgba?\(/.test(a.color);
  }).length,
};
const data = JSON.parse(fs.readFileSync(cyFile, "utf8"));
const cy = cytoscape({ headless: true });
cy.json(data);
const back = cy.json();
out.cytoscape = {
  nodes: cy.nodes().length,
  edges: cy.edges().length,
  roundTripEdges: back.elements.edges.length,
  positioned: cy.nodes().filter((n) => n.position("x") !== 0 || n.position("y") !== 0).length,
};
process.stdout.write(JSON.stringify(out));
