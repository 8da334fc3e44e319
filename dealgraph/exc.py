"""One home for dealgraph's errors.

``ItemError`` means "skip this item and record why": a bad article never stops a batch.
Every other ``DealgraphError`` aborts the operation it was raised in.
"""


class DealgraphError(Exception):
    """Base of every error dealgraph raises on purpose."""


class ItemError(DealgraphError):
    """One input item (file, URL, feed entry, row) cannot be used; the batch goes on."""

    def __init__(self, source: str, reason: str, stage: str = "ingest") -> None:
        # a name or reason quoting bad input may hold a lone surrogate, which no store can encode:
        # escape it, so that recording the error never fails
        source, reason = _storable(source), _storable(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
        self.stage = stage


def _storable(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


class NotFound(DealgraphError):
    """A requested article, entity or event does not exist."""


class ConfigError(DealgraphError):
    """A setting is missing or malformed."""


class InputError(DealgraphError):
    """A whole input (a list file, a gold file) is malformed; nothing was changed."""


class MissingExtra(ConfigError):
    """An optional feature was used without the packages of its pip extra (``dealgraph[pdf]``, ...)."""
