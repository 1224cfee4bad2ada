"""The forms of the rectification screens: filters of the lists, and one form per action.

Forms only parse types (like the API's inputs); the services check the rules and name the
field a refusal belongs to, which ``inspection.web.perform`` puts next to that field.
"""
