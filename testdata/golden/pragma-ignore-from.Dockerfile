FROM alpine:3.20 AS build
RUN apk add --no-cache gcc

# This image must run as root (it manages the host's network).
# dockerharden ignore
FROM alpine:3.20
COPY netctl /usr/local/bin/netctl
CMD ["netctl"]
