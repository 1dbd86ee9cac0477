# The collector as a container image: lxdscope published NativeAOT, on Debian 12 slim.
# Built by docker-compose.yml with the repository as context.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/LxdScope.Cli/LxdScope.Cli.csproj -c Release -r linux-x64 \
      -p:PublishAot=true -p:CppCompilerAndLinker=gcc -o /out

FROM debian:12-slim
# curl for the health check only.
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/lxdscope --create-home --uid 9470 lxdscope
COPY --from=build /out/lxdscope /usr/local/bin/lxdscope
USER lxdscope
VOLUME /var/lib/lxdscope
EXPOSE 9470
ENTRYPOINT ["/usr/local/bin/lxdscope"]
CMD ["collector", "--config", "/etc/lxdscope/collector.json", "--urls", "http://0.0.0.0:9470"]
