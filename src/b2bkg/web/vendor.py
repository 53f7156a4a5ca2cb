"""The browser libraries the pages load, by the name they are served under (``/vendor/<name>``)
-> their path under ``node_modules`` (npm installs them; ``setup.py`` copies them, with their
licences, into the wheel). No imports: ``setup.py`` reads this file before the package exists."""

VENDOR = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "layout-base.js": "layout-base/layout-base.js",
    "cose-base.js": "cose-base/cose-base.js",
    "cytoscape-fcose.js": "cytoscape-fcose/cytoscape-fcose.js",
    "cytoscape-dagre.js": "cytoscape-dagre/dist/cytoscape-dagre.min.js",
    "cytoscape-svg.js": "cytoscape-svg/cytoscape-svg.js",
    "yasgui.min.js": "@zazuko/yasgui/build/yasgui.min.js",
    "yasgui.min.css": "@zazuko/yasgui/build/yasgui.min.css",
}
