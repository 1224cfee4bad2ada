"""码上巡's URLs, mounted at ``INSPECTION_PUBLIC_PREFIX`` by the internal site's root URLs
(development, tests) and by the public host's (inspection/public_urls.py)."""

from django.urls import path

from rounds.public import views

app_name = "public"

urlpatterns = [
    path("<str:code>/", views.intake, name="intake"),
    path("<str:code>/thanks/", views.thanks, name="thanks"),
]
