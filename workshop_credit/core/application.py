"""The application's Flask class."""

import inspect

from flask import Flask

from workshop_credit.core.request_args import InputRequest


class WorkshopFlask(Flask):
    """Flask, deciding once per hook rather than on every request that it is no coroutine.

    Flask passes each before- and after-request hook, teardown and view through
    ``ensure_sync`` on every request: a score of ``inspect`` calls per visit of a page.
    """

    request_class = InputRequest

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_callables = {}

    def ensure_sync(self, func):
        """``func`` itself when it is a plain function, else Flask's wrapper around it."""
        try:
            if func in self._plain_callables:
                return func
        except TypeError:  # not hashable: decided afresh
            return super().ensure_sync(func)
        if inspect.iscoroutinefunction(func):
            return super().ensure_sync(func)
        if len(self._plain_callables) > 1024:  # ``after_this_request`` closures are one-off
            self._plain_callables.clear()
        self._plain_callables[func] = True
        return func
