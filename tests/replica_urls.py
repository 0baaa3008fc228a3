"""A test-only URLconf: one read page in the `register` namespace and one outside it."""

from django.http import HttpResponse
from django.urls import include, path

from households.models import Household


def codes(request):
    return HttpResponse(",".join(Household.objects.for_user(request.user).values_list("code", flat=True)))


register_patterns = ([path("codes/", codes, name="codes")], "register")
urlpatterns = [
    path("register/", include(register_patterns)),
    path("elsewhere/codes/", codes, name="elsewhere"),
]
