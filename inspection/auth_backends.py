"""Sign-in lock-out (django-axes) for every sign-in through a page.

Axes counts failed sign-ins by user name and address together and refuses further
tries for a while after too many. Its backend insists on the request; sign-ins made
without one (``Client.login`` in tests, a management command) never come from a page an
attacker can reach, so this backend steps aside for them and the model backend decides.
"""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
