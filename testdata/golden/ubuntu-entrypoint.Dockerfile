FROM ubuntu:24.04

ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y tini

WORKDIR /srv/web
COPY ./site /srv/web

EXPOSE 8080
ENTRYPOINT ["tini", "--"]
CMD ["./serve"]
