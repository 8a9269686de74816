# One image for the web app (gunicorn) and the Celery worker.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY reactions ./reactions
COPY articles ./articles
COPY templates ./templates
COPY static ./static
COPY manage.py gunicorn.conf.py ./
RUN pip install --no-cache-dir . && \
    SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput
RUN useradd --create-home reactions
USER reactions
EXPOSE 8000
# Sync workers, 2 x cores + 1 for two cores (bench/web.py measured them against gthread); gunicorn
# reads WEB_CONCURRENCY, so a bigger host sets its own.
ENV WEB_CONCURRENCY=5
# A sync worker streaming an export cannot tell gunicorn it is alive: the timeout must outlast the
# longest export (900 s: about 3 million statements at the 3,300-6,000 rows/s bench/web.py measures).
CMD ["gunicorn", "reactions.wsgi:application", "--bind", "0.0.0.0:8000", "--timeout", "900", "--access-logfile", "-"]
