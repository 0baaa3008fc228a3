"""The staff lists, the household file and the person page (namespace `register`)."""

app_name = "register"
urlpatterns = []
