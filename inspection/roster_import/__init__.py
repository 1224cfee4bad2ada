"""Import of the two committees' roster (两委及村务监督委员会名册) from an .xlsx or .csv file.

It follows the village registry import's rules (``inspection.village_import``, whose
reading, errors and cell parsers it reuses; docs/roster-import.md explains the columns):
every error is listed with its row and column, all or nothing, and importing the same
file twice changes nothing.

The file states the whole roster of each village it names: an entry is matched by
(村代码, 姓名, 所属组织, 职务, 任职起始); a matched entry keeps its record (its 任职截止
and 党员 are updated if they changed), an entry of the file not stored is added, and a
stored entry of a village named in the file that the file no longer lists is removed.
Villages the file does not name keep their roster untouched.
"""

from inspection.roster_import.columns import COLUMNS, SHEET_NAME
from inspection.roster_import.template import roster_template_xlsx
from inspection.roster_import.writing import RosterImportResult, roster_import

__all__ = ["COLUMNS", "SHEET_NAME", "RosterImportResult", "roster_import", "roster_template_xlsx"]
