FROM python:3.12-slim
WORKDIR /srv/app
COPY . .
RUN pip install .
VOLUME ["/data", "/srv/app/cache"]
WORKDIR uploads
CMD ["python", "-m", "app"]
