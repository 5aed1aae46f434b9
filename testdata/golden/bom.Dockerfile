# syntax=docker/dockerfile:1
FROM alpine:3.20
RUN apk add --no-cache tzdata
COPY app /app
CMD ["/app"]
