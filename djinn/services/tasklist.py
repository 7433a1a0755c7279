"""Every module that defines tasks, imported so that a worker process knows
all task names before the first message arrives."""

from djinn.domain import images, webhooks  # noqa: F401
