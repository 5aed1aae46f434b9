# The official postgres entrypoint starts as root and steps down with gosu:
# dockerharden leaves this file alone and says why.
FROM postgres:16
COPY init.sql /docker-entrypoint-initdb.d/
