"""The errors a user can cause: each carries a message written for the user, in the
language active when it is raised (Chinese source texts marked for translation).

The API turns ``ApplicationError`` into 400, ``PermissionDeniedError`` into 403,
``NotFoundError`` into 404 and ``ConflictError`` into 409; the screens show the message.
"""


class ApplicationError(Exception):
    """A refused action or invalid input, with a message for the user.

    ``errors`` maps a field name (or ``"__all__"``) to messages, for forms and the API.
    """

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None):
        # Lazy texts (module-level labels) become text in the language active now.
        message = str(message)
        super().__init__(message)
        self.message = message
        self.errors = {
            field: [str(text) for text in texts] for field, texts in (errors or {}).items()
        }

    def __str__(self) -> str:
        return self.message


class PermissionDeniedError(ApplicationError):
    """The actor may see the record but may not take this action on it."""


class NotFoundError(ApplicationError):
    """The record does not exist, or is outside the actor's scope (answered alike)."""


class ConflictError(ApplicationError):
    """The record moved on since the actor saw it (another user acted first)."""


class TooManyRequestsError(ApplicationError):
    """The actor has as much under way as allowed (queued exports): the same request
    succeeds later. The API answers 429 with ``Retry-After``, what clients retry on."""

    def __init__(self, message: str, *, retry_after: int = 60, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after
