FROM registry.example.com/team/base-image:1.2
RUN /opt/setup.sh
COPY build/ /opt/app/
CMD ["/opt/app/run"]
