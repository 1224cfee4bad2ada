"""A hypothesis state machine over the workflow services (tests/test_workflow_state_machine.py).

- ``county``: the county the machine plays in, and who may read which confidential name;
- ``checks``: the before/after of a move (row counts, history rows) and the invariants;
- ``machine``: the rules, one per workflow move, with actors of every role.
"""
