# syntax=docker/dockerfile:1
FROM golang:1.22 AS build
RUN go build -o /out/app .

FROM debian:bookworm-slim
COPY --link --chmod=0755 --from=build /out/app /usr/local/bin/app
COPY --chown=1:1 owned.txt /owned.txt
ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 https://example.com/a.txt /a.txt
CMD ["app"]
