FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN dnf install -y python3 && dnf clean all
COPY app.py /opt/app/app.py
CMD ["python3", "/opt/app/app.py"]
