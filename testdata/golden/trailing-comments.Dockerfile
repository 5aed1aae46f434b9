FROM alpine:3.20
RUN apk add --no-cache curl
COPY app /app

# TODO: add a healthcheck
