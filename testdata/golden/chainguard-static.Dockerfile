FROM cgr.dev/chainguard/static:latest
COPY server /server
ENTRYPOINT ["/server"]
