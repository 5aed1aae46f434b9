FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:bookworm-slim AS app
RUN apt-get update && apt-get install -y ca-certificates
COPY --from=build /app /app
CMD ["/app"]

FROM app AS with-docs
COPY docs /usr/share/doc/app
