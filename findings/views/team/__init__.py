"""The team's pages (巡察组): phone first, for the team at work in the village.

My assignments (today's first), a village's page with the four must-talks tracker and the
team's totals, the short forms that log the day's work, and the leader's problem list
(confirm, propose a clue). Every form works without JavaScript; ``static/js/drafts.js``
keeps what was typed through a dropped connection and sends it again.
"""
