from django.urls import path

from mysite.polls import views

urlpatterns = [
    path("", views.index, name="index"),
    path("q/<int:pk>/", views.detail, name="detail"),
    path("api/", views.api, name="api"),
]
