# syntax=docker/dockerfile:1.7
# check=skip=JSONArgsRecommended

# The image for the report service.
FROM debian:bookworm-slim
COPY report /usr/bin/report
CMD report --serve
