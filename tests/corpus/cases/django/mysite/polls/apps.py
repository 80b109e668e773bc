from django.apps import AppConfig


class PollsConfig(AppConfig):
    name = "mysite.polls"
