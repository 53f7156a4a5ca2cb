"""Read the project's sources: the canonical paper text and the curated statement files."""

from b2bkg.sources.paper import Paper, Paragraph, Section, load_paper, parse_paper

__all__ = ["Paper", "Paragraph", "Section", "load_paper", "parse_paper"]
