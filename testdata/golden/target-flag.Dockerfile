FROM golang:1.22 AS build
RUN go build -o /app .

FROM debian:bookworm-slim AS app
COPY --from=build /app /app
CMD ["/app"]

FROM app AS debug
RUN apt-get update && apt-get install -y gdb
