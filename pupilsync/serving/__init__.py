"""Running the web app in production: gunicorn, WhiteNoise, and the health check."""
