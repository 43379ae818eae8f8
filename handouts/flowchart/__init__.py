"""The flowchart engine: a chart's boxes placed in rows, its arrows routed at right angles,
and how it prints on a page (graph → dot → place → route → scene → pdf and svg; the engine
in engine.py keeps every layout of a build, in caches of bounded size)."""
