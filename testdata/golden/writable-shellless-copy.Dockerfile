FROM gcr.io/distroless/static-debian12
COPY --chown=65532:65532 data/ /var/lib/app/
WORKDIR /var/lib/app
COPY server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/server"]
