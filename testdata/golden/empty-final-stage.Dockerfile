FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM debian:bookworm-slim
