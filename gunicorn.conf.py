"""gunicorn's settings beside its command line (gunicorn reads this file from its working directory).

The app is loaded once, in the master, before the workers fork: reactions/wsgi.py builds the
catalogue's alias automaton there, so no worker builds its own on a reader's first actor page.
A HUP then starts workers with the master's code: deploy by restarting the server.
"""

preload_app = True
