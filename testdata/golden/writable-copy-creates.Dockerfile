FROM python:3.12-slim
COPY requirements.txt /app/
RUN pip install --no-cache-dir -r /app/requirements.txt
COPY . /app
RUN mkdir -p /app && mkdir -p /app/static
CMD ["python", "/app/main.py", "--static", "/app/static"]
