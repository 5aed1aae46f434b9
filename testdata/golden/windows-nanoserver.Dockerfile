# escape=`
FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
COPY app.exe C:/app/app.exe
RUN cmd /S /C mkdir C:\data `
    && echo ready
CMD ["C:\\app\\app.exe"]
