"""Exports: graph views for Gephi, Cytoscape, VOSviewer, Pajek and scripts; references for
reference managers. Generators return bytes; nothing here reads files or knows about HTTP."""

from b2bkg.analytics.readwrite.graphs import GRAPH_FORMATS, Export, export_graph, prepare
from b2bkg.analytics.readwrite.references import REFERENCE_FORMATS, export_references

__all__ = ["Export", "GRAPH_FORMATS", "REFERENCE_FORMATS", "export_graph", "export_references", "prepare"]
