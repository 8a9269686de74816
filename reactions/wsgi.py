import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reactions.settings")
application = get_wsgi_application()

from articles.services import warm_catalogue  # noqa: E402 - needs the settings get_wsgi_application set up

warm_catalogue()
