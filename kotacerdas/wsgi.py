import os
import sys

from django.core.wsgi import get_wsgi_application

from kotacerdas.envconfig import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
try:
    application = get_wsgi_application()
except ConfigError as exc:  # gunicorn shows this one line instead of a stack trace
    print(f"configuration error: {exc}", file=sys.stderr)
    raise SystemExit(1) from None
