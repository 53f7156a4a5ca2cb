"""Test tools, outside the installed package: the ``require`` helper for system parts, a throwaway
Virtuoso on loopback (``support.virtuoso``) and the synthetic corpus generator (``support.synth``).

pytest puts ``tests/`` on ``sys.path`` (``pythonpath`` in pyproject.toml); the benchmarks add it
themselves.
"""
