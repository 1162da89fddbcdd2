# syntax=docker/dockerfile:1
# The hotswap operator's image:  docker build -t hotswap:dev .   (at the repository's top)
#
# Stage 1 publishes the Operator project in the SDK image. The output is framework-dependent and
# portable (IL, no apphost), so the same files run on amd64 and arm64 and the SDK stage runs on
# the build machine's own platform: `docker buildx build --platform linux/amd64,linux/arm64 .`
# needs no emulation for the compile. Stage 2 is the chiseled ASP.NET Core runtime (hotswap run
# serves /metrics, /healthz and /readyz with Kestrel): no shell, no package manager, a non-root
# user (UID 1654, "app"), which deploy/deployment.yaml runs as too.

ARG DOTNET_VERSION=10.0

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION}-noble AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src
# Restore from the project files alone, so a change to the sources reuses the package layer.
COPY Directory.Build.props Directory.Packages.props ./
COPY Hotswap.Core/Hotswap.Core.csproj Hotswap.Core/
COPY Hotswap.Effects/Hotswap.Effects.csproj Hotswap.Effects/
COPY Hotswap.Operator/Hotswap.Operator.csproj Hotswap.Operator/
RUN dotnet restore Hotswap.Operator/Hotswap.Operator.csproj
COPY Hotswap.Core/ Hotswap.Core/
COPY Hotswap.Effects/ Hotswap.Effects/
COPY Hotswap.Operator/ Hotswap.Operator/
# `hotswap install` prints the kustomize base, embedded at build time; the tool package carries the README.
COPY deploy/ deploy/
COPY README.md ./
RUN dotnet publish Hotswap.Operator/Hotswap.Operator.csproj --no-restore -c Release -o /app -p:UseAppHost=false -p:ContinuousIntegrationBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled
LABEL org.opencontainers.image.title="hotswap" \
      org.opencontainers.image.description="hotswap: hot-swap whole EKS clusters under running applications (ArgoCD + ALB)"
# hotswap run binds its own addresses (--metrics-bind-address, --health-probe-bind-address); the
# image's default HTTP port would only be overridden, with a warning.
ENV ASPNETCORE_HTTP_PORTS=
WORKDIR /app
COPY --from=build /app ./
USER 1654
# /metrics and /healthz, /readyz (hotswap run's defaults).
EXPOSE 8080 8081
ENTRYPOINT ["dotnet", "hotswap.dll"]
CMD ["run"]
