FROM mcr.microsoft.com/powershell:lts-debian-12 AS ps
SHELL ["pwsh", "-Command"]
RUN Write-Host hello

FROM ps
COPY script.ps1 /script.ps1
CMD ["pwsh", "/script.ps1"]
