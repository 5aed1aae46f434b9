FROM scratch
WORKDIR /data
COPY app /app
VOLUME /data
ENTRYPOINT ["/app"]
