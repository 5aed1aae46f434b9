# syntax=docker/dockerfile:1
FROM alpine:3.20
COPY <<EOF /etc/app.conf
FROM ubuntu
USER root
COPY x y
EOF
COPY <<-'SCRIPT' /usr/local/bin/start
	#!/bin/sh
	exec /app
	SCRIPT
CMD ["start"]
