"""The statistics workbook (统计汇总表) and the export jobs that build it.

``cells`` writes a sheet row by row (escaping, formats, Shanghai time); ``summary`` and
``lists`` are the sheets; ``workbook`` puts them together; ``scope`` says who may export
what and what they read in it; ``services`` are the jobs (request, build, download,
purge); ``permissions`` scopes the jobs. Kept free of imports so that the app registry
can load ``permissions`` early.
"""
