# privsite in a container: `docker build -t privsite .`, then from a site's
# folder `docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" privsite`
# writes public/ (any other command works too: `… privsite check --strict`).

FROM rust:1-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo install --locked --path . --root /out

# The final image holds the binary and CA certificates (publish and notify
# speak TLS), and runs as an unprivileged user.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 privsite
COPY --from=build /out/bin/privsite /usr/local/bin/privsite
USER privsite
WORKDIR /site
ENTRYPOINT ["privsite"]
CMD ["build"]
