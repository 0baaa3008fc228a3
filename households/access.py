"""Access checks for staff views: signed in, an area, and the model permission for the request.

Use `StaffViewMixin` on class-based views or `@staff_view(...)` on function views:

    class HouseholdList(StaffViewMixin, ListView):
        read_permission = "households.view_household"

    @staff_view(read="households.view_household", write="households.change_household")
    def case_close(request, pk): ...

Anonymous → the login page; an account without an area → 404 (nothing exists for it); a missing
read permission, or a write (any method but GET/HEAD/OPTIONS) without the write permission → 403.
Objects come from `scoped_object_or_404`, so a record outside the area answers 404.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from households.area import Area

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_write(request):
    """Whether the request asks to change something."""
    return request.method not in SAFE_METHODS


def check_access(request, *, read=None, write=None):
    """Raise unless the user may make this request: 404 without an area, 403 without the permission.

    `read` and `write` are permission names or sequences of names (all required); `write` applies to
    every method but GET, HEAD and OPTIONS, and a view without `write` answers 403 to writes.
    """
    user = request.user
    if Area.of_user(user).is_nowhere:
        raise Http404
    if read and not user.has_perms(_names(read)):
        raise PermissionDenied
    if is_write(request) and not (write and user.has_perms(_names(write))):
        raise PermissionDenied


def _names(permissions):
    return (permissions,) if isinstance(permissions, str) else tuple(permissions)


class StaffViewMixin:
    """A staff page: signed in, with an area, holding `read_permission` (and `write_permission` for writes)."""

    read_permission = None
    write_permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        check_access(request, read=self.read_permission, write=self.write_permission)
        return super().dispatch(request, *args, **kwargs)


def staff_view(view=None, *, read=None, write=None):
    """Decorate a function view with the checks of `StaffViewMixin`."""

    def decorate(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check_access(request, read=read, write=write)
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def scoped_object_or_404(model, user, **lookup):
    """The one object of `model` matching `lookup` inside the user's area, else 404."""
    return get_object_or_404(model._default_manager.for_user(user), **lookup)

