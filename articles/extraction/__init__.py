"""The extraction pipeline: plain text and metadata in, attributed statements out.

Nothing in this package imports Django: the ingest task, `manage.py extract`, the benchmark and
the tests all call `articles.extraction.pipeline.extract()` with plain data.
"""
