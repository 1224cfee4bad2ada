"""The rounds screens: the round list and page (``rounds``), teams (``teams``),
assignments (``assignments``) and the life-cycle moves (``moves``)."""
