"""Documents (公文): every .docx the product prints is a record of this package.

A kind of document (谈话记录, 立行立改通知书 …) is declared by the app that owns its subject,
beside its scopes (``document_kind(…)`` in the app's ``permissions.py``), with its shipped
template in the app's ``documents/`` folder; this package imports no app. Generating one
(``services.document_generate``) renders the kind's template — the county's own if the
office uploaded one (``DocumentTemplate``), else the shipped one — with the subject's
context, numbers it (``numbering``: per kind and year, unique and without gaps), and
keeps the file with its checksum as a ``Document``. Regenerating, or uploading an edited
copy, adds a version; none is ever overwritten. Files are read only through
``downloads.document_download``: permission-checked and access-logged, like evidence.
"""
