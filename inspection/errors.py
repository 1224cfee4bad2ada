"""The one error type a user can cause: it carries a message written for the user."""


class ApplicationError(Exception):
    """A refused action or invalid input, with a message for the user (Chinese).

    ``errors`` maps a field name (or ``"__all__"``) to messages, for forms and the API.
    """

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}

    def __str__(self) -> str:
        return self.message
