"""The project's URLs plus one view that fails, to show the 500 page (tests/security/test_error_pages.py)."""

from django.urls import path

from shuangta.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise RuntimeError("a failure the page must not show")


urlpatterns = [path("boom/", fail), *urlpatterns]
