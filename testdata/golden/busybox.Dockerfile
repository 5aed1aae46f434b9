FROM busybox:1.36
COPY hello.sh /bin/hello.sh
CMD ["/bin/hello.sh"]
