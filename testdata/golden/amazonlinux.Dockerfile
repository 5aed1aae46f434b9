FROM amazonlinux:2023
RUN yum install -y tar gzip && yum clean all
ADD release.tar.gz /opt/release/
CMD ["/opt/release/bin/run"]
