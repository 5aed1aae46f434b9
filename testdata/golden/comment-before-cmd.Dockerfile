FROM alpine:3.20
RUN apk add --no-cache python3

COPY app.py /app.py

# Start the service.
# It listens on 8080.
CMD ["python3", "/app.py"]
