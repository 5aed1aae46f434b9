FROM python:3.12-slim
COPY site/ /srv/site/
EXPOSE 80 443
CMD ["python", "-m", "http.server", "80", "--directory", "/srv/site"]
