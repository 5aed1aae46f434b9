FROM --platform=$BUILDPLATFORM golang:1.22 AS build
ARG TARGETARCH
RUN GOARCH=$TARGETARCH go build -o /app .

FROM --platform=linux/amd64 debian:bookworm-slim
COPY --from=build /app /app
CMD ["/app"]
