"""The findings screens: problems and clues for the office (``problems``, ``clues``, the
actions on a clue in ``actions``) and the commission liaison's desk (``desk``)."""
