"""The archive (立卷归档): per inspected organisation and round, a volume (卷) of pieces (件).

- ``catalogue``: the county's table of pieces (``ArchivePieceKind``), seeded with the
  defaults and edited in the admin: order, 文书档案 / 业务档案, 保管期限, required or not,
  and where each piece comes from (``ArchiveSource``).
- ``sources``: what each source reads from the product (a kind of document, or records).
- ``volumes``: a round's volumes computed from what the product holds, in order.
- ``pages``: the page count of each file (LibreOffice, when a volume is built).
- ``bundle``: the volume as one ZIP, written piece by piece (flat memory).
- ``documents``: the 卷内目录 and 备考表, documents like the others.
"""
