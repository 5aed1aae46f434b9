FROM python:3.12-slim
RUN pip install --no-cache-dir gunicorn
COPY site.py /srv/site.py
HEALTHCHECK --interval=30s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8080/')"
CMD ["gunicorn", "--bind", "0.0.0.0:8080", "site:app"]
