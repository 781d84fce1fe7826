# The warren image: `dotnet publish` of src/Warren.Server in the SDK image, run on the ASP.NET
# Core runtime image (the HTTP edge and the metrics endpoints use ASP.NET Core) as a non-root
# user, with a read-only root filesystem in mind: the only place Warren writes is its data
# directory /var/lib/warren (mount a volume there; the Helm chart mounts an emptyDir) and /tmp.
#
#   docker build -t warren .
#   docker run -p 2222:2222 -p 8080:8080 -p 9464:9464 warren
#
# Not built by the tests (no container engine where they run); the command line here is the one
# README.md documents, so `warren serve --help` in the image says the same.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change reuses the restored packages.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Warren.Ssh/Warren.Ssh.csproj src/Warren.Ssh/
COPY src/Warren.Relay/Warren.Relay.csproj src/Warren.Relay/
COPY src/Warren.Server/Warren.Server.csproj src/Warren.Server/
RUN dotnet restore src/Warren.Server/Warren.Server.csproj
# cluster-config/ is part of the build: base.hocon is embedded in warren.dll.
COPY cluster-config/ cluster-config/
COPY src/ src/
RUN dotnet publish src/Warren.Server/Warren.Server.csproj --no-restore -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# A fixed uid/gid (10001) that matches the Helm chart's runAsUser, runAsGroup and fsGroup.
RUN groupadd --system --gid 10001 warren \
 && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/warren --no-create-home --shell /usr/sbin/nologin warren \
 && mkdir -p /var/lib/warren /etc/warren/cluster \
 && chown warren:warren /var/lib/warren \
 && chmod 0700 /var/lib/warren
COPY --from=build /app /app
# The HOCON files for --cluster-config (local.hocon, kubernetes.hocon; base.hocon is built in).
COPY cluster-config/*.hocon /etc/warren/cluster/
VOLUME /var/lib/warren
WORKDIR /var/lib/warren
USER 10001:10001
# SSH, HTTP edge, TLS edge (when --tls-listen is given), metrics (/metrics, /healthz, /readyz).
EXPOSE 2222 8080 8443 9464
ENTRYPOINT ["dotnet", "/app/warren.dll"]
# A single node on the defaults, its host keys generated into the data volume on first start.
CMD ["serve", "--data-dir", "/var/lib/warren"]
