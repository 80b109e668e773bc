"""A Django project driven through its test client: migrations, ORM, URL routing, templates, JSON."""
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0, interactive=False)
from mysite.polls.models import Choice, Question  # noqa: E402

q = Question.objects.create(text="Best editor?")
Choice.objects.bulk_create([Choice(question=q, label="vim", votes=3), Choice(question=q, label="emacs", votes=1)])
Question.objects.create(text="Tabs or spaces?")
c = Client()
for url in ("/", f"/q/{q.id}/", "/q/999/", "/api/", "/api"):
    r = c.get(url)
    print(url, r.status_code, r.get("Content-Type"), r.content.decode().strip()[:200])
print(django.get_version() >= "3.2", Question.objects.count(), Choice.objects.filter(votes__gt=1).count())
