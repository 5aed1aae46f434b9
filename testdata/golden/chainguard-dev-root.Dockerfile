FROM cgr.dev/chainguard/python:latest-dev
USER root
RUN apk add --no-cache libpq
COPY app.py /app/app.py
CMD ["python", "/app/app.py"]
