"""gunicorn's settings beside its command line (gunicorn reads this file from its working directory).

The app is loaded once, in the master, and the master builds the catalogue's alias automaton before
the workers fork, so no worker builds its own on a reader's first actor page. A HUP then starts
workers with the master's code: deploy by restarting the server.
"""

preload_app = True


def when_ready(server) -> None:
    """In the master, the app loaded (preload_app), before the first worker is forked."""
    from articles.services import warm_catalogue

    warm_catalogue()
