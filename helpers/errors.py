"""The one error a data file raises when it is wrong.

Kept apart and free of imports so that any module, and a notebook, can catch it cheaply:
`except helpers.DataError`. It is a ValueError because the problem is in the data's values, and
its message always names the file and, where it applies, the line, the row and the column.
"""


class DataError(ValueError):
    """A data file is missing, unreadable or breaks a rule of its table; the message says which."""
