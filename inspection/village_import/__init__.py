"""Import of the village registry (村(社区)名册) from an .xlsx or .csv file.

Three steps, each usable on its own:

1. ``read_rows(file_obj, filename)`` turns the bytes into a ``Table`` of trimmed text
   cells. It touches no database and refuses what cannot be read: a wrong extension,
   an .xls or random bytes, a CSV in neither UTF-8 (with or without BOM) nor
   GBK/GB18030, more than ``MAX_BYTES`` or ``MAX_ROWS`` data rows, an .xlsx unpacking to
   more than ``MAX_UNPACKED_BYTES`` (a zip bomb).
2. ``validate_rows(table, registry)`` checks the header and every row against a
   ``Registry`` snapshot of the towns and villages concerned (loaded in a few queries,
   never one per row) and returns ``(clean rows, errors)``.
3. ``village_import(...)``, the service, writes everything in one transaction with
   bulk queries, or raises ``VillageImportError`` listing every error and writes nothing.

The rules a user meets (docs/village-import.md explains them column by column):

- Row 1 is the header; columns come in any order; ``乡镇``, ``村(社区)``, ``村代码``
  are required. Header cells are trimmed and full-width brackets count as half-width.
- An unknown column is an error, not a warning: a typo such as ``人 口`` would
  otherwise silently drop a column of data. So is a duplicate column, and a value
  under a column without a name.
- Rows are numbered as Excel shows them (header = row 1); rows with no value at all
  are skipped.
- Villages are matched by code: a known code updates, an unknown one creates.
  A missing optional column keeps the stored value (or the model default on
  create); so does a blank cell, except under ``一肩挑`` where blank means 否.
- An unknown town is created with code = the first 9 digits of the village code and
  its kind read from the name's ending (镇/乡/街道).
- Xlsx cells are read as typed values: a number cell holding a village code becomes
  its digit string exactly; text that looks like a rounded number
  (``3.20411E+11``) is refused, since the lost digits cannot be recovered.
  A cell starting with ``=`` (an Excel formula) is refused; so is a town or village name
  starting with ``+``, ``-`` or ``@`` or holding an invisible character (zero-width,
  direction mark, control character), which would look like another name.

The package follows those steps: ``errors`` (RowError, VillageImportError, ImportResult),
``columns`` (the columns and their parsers), ``reading``, ``validation``, ``writing`` (with the
service), ``preview`` (what a file would do, row by row, writing nothing) and ``template`` (the
files users fill in). Import from the package itself.
"""

from inspection.village_import.columns import COLUMNS, COLUMNS_BY_HEADER, NAME_MAX_LENGTH, Column
from inspection.village_import.errors import ImportResult, RowError, VillageImportError
from inspection.village_import.preview import ImportPreview, village_import_preview
from inspection.village_import.reading import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_ROWS,
    SHEET_NAME,
    SourceRow,
    Table,
    read_rows,
)
from inspection.village_import.template import template_csv, template_xlsx
from inspection.village_import.validation import Registry, VillageRow, validate_rows
from inspection.village_import.writing import village_import

__all__ = [
    "COLUMNS",
    "COLUMNS_BY_HEADER",
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "NAME_MAX_LENGTH",
    "SHEET_NAME",
    "Column",
    "ImportPreview",
    "ImportResult",
    "Registry",
    "RowError",
    "SourceRow",
    "Table",
    "VillageImportError",
    "VillageRow",
    "read_rows",
    "template_csv",
    "template_xlsx",
    "validate_rows",
    "village_import",
    "village_import_preview",
]
