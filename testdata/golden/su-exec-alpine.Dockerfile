FROM alpine:3.20
COPY app /app
ENTRYPOINT ["su-exec", "nobody", "/app"]
