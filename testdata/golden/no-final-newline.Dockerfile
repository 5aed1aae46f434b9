FROM tomcat:10
RUN apt-get update && apt-get install -y curl
COPY app.war /usr/local/tomcat/webapps/app.war