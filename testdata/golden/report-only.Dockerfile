FROM ubuntu
RUN sudo apt-get update && apt-get install -y openssh-server
ADD sshd_config /etc/ssh/sshd_config
ADD rootfs.tar.gz /
EXPOSE 22 8080/tcp
USER sshd
CMD ["/usr/sbin/sshd", "-D"]
