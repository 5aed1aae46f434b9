# syntax=docker/dockerfile:1
# Generated benchmark input: 1000 lines, builder stage plus debian final stage.
ARG GO_VERSION=1.22

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
# build component 0
COPY pkg/c1/ ./pkg/c1/
ENV CGO_ENABLED=0 COMPONENT_2=on
RUN go build -trimpath -o /out/c3 ./pkg/c3 \
    && go vet ./pkg/c3
# build component 4
COPY pkg/c5/ ./pkg/c5/
ENV CGO_ENABLED=0 COMPONENT_6=on
RUN go build -trimpath -o /out/c7 ./pkg/c7 \
    && go vet ./pkg/c7
# build component 8
COPY pkg/c9/ ./pkg/c9/
ENV CGO_ENABLED=0 COMPONENT_10=on
RUN go build -trimpath -o /out/c11 ./pkg/c11 \
    && go vet ./pkg/c11
# build component 12
COPY pkg/c13/ ./pkg/c13/
ENV CGO_ENABLED=0 COMPONENT_14=on
RUN go build -trimpath -o /out/c15 ./pkg/c15 \
    && go vet ./pkg/c15
# build component 16
COPY pkg/c17/ ./pkg/c17/
ENV CGO_ENABLED=0 COMPONENT_18=on
RUN go build -trimpath -o /out/c19 ./pkg/c19 \
    && go vet ./pkg/c19
# build component 20
COPY pkg/c21/ ./pkg/c21/
ENV CGO_ENABLED=0 COMPONENT_22=on
RUN go build -trimpath -o /out/c23 ./pkg/c23 \
    && go vet ./pkg/c23
# build component 24
COPY pkg/c25/ ./pkg/c25/
ENV CGO_ENABLED=0 COMPONENT_26=on
RUN go build -trimpath -o /out/c27 ./pkg/c27 \
    && go vet ./pkg/c27
# build component 28
COPY pkg/c29/ ./pkg/c29/
ENV CGO_ENABLED=0 COMPONENT_30=on
RUN go build -trimpath -o /out/c31 ./pkg/c31 \
    && go vet ./pkg/c31
# build component 32
COPY pkg/c33/ ./pkg/c33/
ENV CGO_ENABLED=0 COMPONENT_34=on
RUN go build -trimpath -o /out/c35 ./pkg/c35 \
    && go vet ./pkg/c35
# build component 36
COPY pkg/c37/ ./pkg/c37/
ENV CGO_ENABLED=0 COMPONENT_38=on
RUN go build -trimpath -o /out/c39 ./pkg/c39 \
    && go vet ./pkg/c39
# build component 40
COPY pkg/c41/ ./pkg/c41/
ENV CGO_ENABLED=0 COMPONENT_42=on
RUN go build -trimpath -o /out/c43 ./pkg/c43 \
    && go vet ./pkg/c43
# build component 44
COPY pkg/c45/ ./pkg/c45/
ENV CGO_ENABLED=0 COMPONENT_46=on
RUN go build -trimpath -o /out/c47 ./pkg/c47 \
    && go vet ./pkg/c47
# build component 48
COPY pkg/c49/ ./pkg/c49/
ENV CGO_ENABLED=0 COMPONENT_50=on
RUN go build -trimpath -o /out/c51 ./pkg/c51 \
    && go vet ./pkg/c51
# build component 52
COPY pkg/c53/ ./pkg/c53/
ENV CGO_ENABLED=0 COMPONENT_54=on
RUN go build -trimpath -o /out/c55 ./pkg/c55 \
    && go vet ./pkg/c55
# build component 56
COPY pkg/c57/ ./pkg/c57/
ENV CGO_ENABLED=0 COMPONENT_58=on
RUN go build -trimpath -o /out/c59 ./pkg/c59 \
    && go vet ./pkg/c59
# build component 60
COPY pkg/c61/ ./pkg/c61/
ENV CGO_ENABLED=0 COMPONENT_62=on
RUN go build -trimpath -o /out/c63 ./pkg/c63 \
    && go vet ./pkg/c63
# build component 64
COPY pkg/c65/ ./pkg/c65/
ENV CGO_ENABLED=0 COMPONENT_66=on
RUN go build -trimpath -o /out/c67 ./pkg/c67 \
    && go vet ./pkg/c67
# build component 68
COPY pkg/c69/ ./pkg/c69/
ENV CGO_ENABLED=0 COMPONENT_70=on
RUN go build -trimpath -o /out/c71 ./pkg/c71 \
    && go vet ./pkg/c71
# build component 72
COPY pkg/c73/ ./pkg/c73/

FROM debian:bookworm-slim
LABEL org.opencontainers.image.source="https://example.com/acme/big"
ENV LANG=C.UTF-8 APP_HOME=/srv/app
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
VOLUME /srv/app/data

# module 0: configuration, files and setup
ENV MODULE_1_ENABLED=true MODULE_1_PATH=/srv/app/m1
COPY --from=build /out/c2 /usr/local/bin/c2
COPY conf/m3.yaml /etc/app/m3.yaml
RUN ln -s /usr/local/bin/c4 /usr/local/bin/module-4
RUN set -eux; \
    mkdir -p /opt/m5; \
    echo 'module 5' > /opt/m5/README
ADD static/m6.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm7 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.8.version="1.8"
WORKDIR /srv/app

# module 10: configuration, files and setup
ENV MODULE_11_ENABLED=true MODULE_11_PATH=/srv/app/m11
COPY --from=build /out/c12 /usr/local/bin/c12
COPY conf/m13.yaml /etc/app/m13.yaml
RUN ln -s /usr/local/bin/c14 /usr/local/bin/module-14
RUN set -eux; \
    mkdir -p /opt/m15; \
    echo 'module 15' > /opt/m15/README
ADD static/m16.tar.gz /srv/app/static/
ARG M17_VERSION=1.17.0
LABEL module.18.version="1.18"
WORKDIR /srv/app

# module 20: configuration, files and setup
ENV MODULE_21_ENABLED=true MODULE_21_PATH=/srv/app/m21
COPY --from=build /out/c22 /usr/local/bin/c22
COPY conf/m23.yaml /etc/app/m23.yaml
RUN ln -s /usr/local/bin/c24 /usr/local/bin/module-24
RUN set -eux; \
    mkdir -p /opt/m25; \
    echo 'module 25' > /opt/m25/README
ADD static/m26.tar.gz /srv/app/static/
ARG M27_VERSION=1.27.0
LABEL module.28.version="1.28"
WORKDIR /srv/app

# module 30: configuration, files and setup
ENV MODULE_31_ENABLED=true MODULE_31_PATH=/srv/app/m31
COPY --from=build /out/c32 /usr/local/bin/c32
COPY conf/m33.yaml /etc/app/m33.yaml
RUN ln -s /usr/local/bin/c34 /usr/local/bin/module-34
RUN set -eux; \
    mkdir -p /opt/m35; \
    echo 'module 35' > /opt/m35/README
ADD static/m36.tar.gz /srv/app/static/
ARG M37_VERSION=1.37.0
LABEL module.38.version="1.38"
WORKDIR /srv/app

# module 40: configuration, files and setup
ENV MODULE_41_ENABLED=true MODULE_41_PATH=/srv/app/m41
COPY --from=build /out/c42 /usr/local/bin/c42
COPY conf/m43.yaml /etc/app/m43.yaml
RUN ln -s /usr/local/bin/c44 /usr/local/bin/module-44
RUN set -eux; \
    mkdir -p /opt/m45; \
    echo 'module 45' > /opt/m45/README
ADD static/m46.tar.gz /srv/app/static/
ARG M47_VERSION=1.47.0
LABEL module.48.version="1.48"
WORKDIR /srv/app

# module 50: configuration, files and setup
ENV MODULE_51_ENABLED=true MODULE_51_PATH=/srv/app/m51
COPY --from=build /out/c52 /usr/local/bin/c52
COPY conf/m53.yaml /etc/app/m53.yaml
RUN ln -s /usr/local/bin/c54 /usr/local/bin/module-54
RUN set -eux; \
    mkdir -p /opt/m55; \
    echo 'module 55' > /opt/m55/README
ADD static/m56.tar.gz /srv/app/static/
ARG M57_VERSION=1.7.0
LABEL module.58.version="1.8"
WORKDIR /srv/app

# module 60: configuration, files and setup
ENV MODULE_61_ENABLED=true MODULE_61_PATH=/srv/app/m61
COPY --from=build /out/c62 /usr/local/bin/c62
COPY conf/m63.yaml /etc/app/m63.yaml
RUN ln -s /usr/local/bin/c64 /usr/local/bin/module-64
RUN set -eux; \
    mkdir -p /opt/m65; \
    echo 'module 65' > /opt/m65/README
ADD static/m66.tar.gz /srv/app/static/
ARG M67_VERSION=1.17.0
LABEL module.68.version="1.18"
WORKDIR /srv/app

# module 70: configuration, files and setup
ENV MODULE_71_ENABLED=true MODULE_71_PATH=/srv/app/m71
COPY --from=build /out/c72 /usr/local/bin/c72
COPY conf/m73.yaml /etc/app/m73.yaml
RUN ln -s /usr/local/bin/c74 /usr/local/bin/module-74
RUN set -eux; \
    mkdir -p /opt/m75; \
    echo 'module 75' > /opt/m75/README
ADD static/m76.tar.gz /srv/app/static/
ARG M77_VERSION=1.27.0
LABEL module.78.version="1.28"
WORKDIR /srv/app

# module 80: configuration, files and setup
ENV MODULE_81_ENABLED=true MODULE_81_PATH=/srv/app/m81
COPY --from=build /out/c82 /usr/local/bin/c82
COPY conf/m83.yaml /etc/app/m83.yaml
RUN ln -s /usr/local/bin/c84 /usr/local/bin/module-84
RUN set -eux; \
    mkdir -p /opt/m85; \
    echo 'module 85' > /opt/m85/README
ADD static/m86.tar.gz /srv/app/static/
ARG M87_VERSION=1.37.0
LABEL module.88.version="1.38"
WORKDIR /srv/app

# module 90: configuration, files and setup
ENV MODULE_91_ENABLED=true MODULE_91_PATH=/srv/app/m91
COPY --from=build /out/c92 /usr/local/bin/c92
COPY conf/m93.yaml /etc/app/m93.yaml
RUN ln -s /usr/local/bin/c94 /usr/local/bin/module-94
RUN set -eux; \
    mkdir -p /opt/m95; \
    echo 'module 95' > /opt/m95/README
ADD static/m96.tar.gz /srv/app/static/
ARG M97_VERSION=1.47.0
LABEL module.98.version="1.48"
WORKDIR /srv/app

# module 100: configuration, files and setup
ENV MODULE_101_ENABLED=true MODULE_101_PATH=/srv/app/m101
COPY --from=build /out/c5 /usr/local/bin/c102
COPY conf/m103.yaml /etc/app/m103.yaml
RUN ln -s /usr/local/bin/c104 /usr/local/bin/module-104
RUN set -eux; \
    mkdir -p /opt/m105; \
    echo 'module 105' > /opt/m105/README
ADD static/m106.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm107 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.108.version="1.8"
WORKDIR /srv/app

# module 110: configuration, files and setup
ENV MODULE_111_ENABLED=true MODULE_111_PATH=/srv/app/m111
COPY --from=build /out/c15 /usr/local/bin/c112
COPY conf/m113.yaml /etc/app/m113.yaml
RUN ln -s /usr/local/bin/c114 /usr/local/bin/module-114
RUN set -eux; \
    mkdir -p /opt/m115; \
    echo 'module 115' > /opt/m115/README
ADD static/m116.tar.gz /srv/app/static/
ARG M117_VERSION=1.17.0
LABEL module.118.version="1.18"
WORKDIR /srv/app

# module 120: configuration, files and setup
ENV MODULE_121_ENABLED=true MODULE_121_PATH=/srv/app/m121
COPY --from=build /out/c25 /usr/local/bin/c122
COPY conf/m123.yaml /etc/app/m123.yaml
RUN ln -s /usr/local/bin/c124 /usr/local/bin/module-124
RUN set -eux; \
    mkdir -p /opt/m125; \
    echo 'module 125' > /opt/m125/README
ADD static/m126.tar.gz /srv/app/static/
ARG M127_VERSION=1.27.0
LABEL module.128.version="1.28"
WORKDIR /srv/app

# module 130: configuration, files and setup
ENV MODULE_131_ENABLED=true MODULE_131_PATH=/srv/app/m131
COPY --from=build /out/c35 /usr/local/bin/c132
COPY conf/m133.yaml /etc/app/m133.yaml
RUN ln -s /usr/local/bin/c134 /usr/local/bin/module-134
RUN set -eux; \
    mkdir -p /opt/m135; \
    echo 'module 135' > /opt/m135/README
ADD static/m136.tar.gz /srv/app/static/
ARG M137_VERSION=1.37.0
LABEL module.138.version="1.38"
WORKDIR /srv/app

# module 140: configuration, files and setup
ENV MODULE_141_ENABLED=true MODULE_141_PATH=/srv/app/m141
COPY --from=build /out/c45 /usr/local/bin/c142
COPY conf/m143.yaml /etc/app/m143.yaml
RUN ln -s /usr/local/bin/c144 /usr/local/bin/module-144
RUN set -eux; \
    mkdir -p /opt/m145; \
    echo 'module 145' > /opt/m145/README
ADD static/m146.tar.gz /srv/app/static/
ARG M147_VERSION=1.47.0
LABEL module.148.version="1.48"
WORKDIR /srv/app

# module 150: configuration, files and setup
ENV MODULE_151_ENABLED=true MODULE_151_PATH=/srv/app/m151
COPY --from=build /out/c55 /usr/local/bin/c152
COPY conf/m153.yaml /etc/app/m153.yaml
RUN ln -s /usr/local/bin/c154 /usr/local/bin/module-154
RUN set -eux; \
    mkdir -p /opt/m155; \
    echo 'module 155' > /opt/m155/README
ADD static/m156.tar.gz /srv/app/static/
ARG M157_VERSION=1.7.0
LABEL module.158.version="1.8"
WORKDIR /srv/app

# module 160: configuration, files and setup
ENV MODULE_161_ENABLED=true MODULE_161_PATH=/srv/app/m161
COPY --from=build /out/c65 /usr/local/bin/c162
COPY conf/m163.yaml /etc/app/m163.yaml
RUN ln -s /usr/local/bin/c164 /usr/local/bin/module-164
RUN set -eux; \
    mkdir -p /opt/m165; \
    echo 'module 165' > /opt/m165/README
ADD static/m166.tar.gz /srv/app/static/
ARG M167_VERSION=1.17.0
LABEL module.168.version="1.18"
WORKDIR /srv/app

# module 170: configuration, files and setup
ENV MODULE_171_ENABLED=true MODULE_171_PATH=/srv/app/m171
COPY --from=build /out/c75 /usr/local/bin/c172
COPY conf/m173.yaml /etc/app/m173.yaml
RUN ln -s /usr/local/bin/c174 /usr/local/bin/module-174
RUN set -eux; \
    mkdir -p /opt/m175; \
    echo 'module 175' > /opt/m175/README
ADD static/m176.tar.gz /srv/app/static/
ARG M177_VERSION=1.27.0
LABEL module.178.version="1.28"
WORKDIR /srv/app

# module 180: configuration, files and setup
ENV MODULE_181_ENABLED=true MODULE_181_PATH=/srv/app/m181
COPY --from=build /out/c85 /usr/local/bin/c182
COPY conf/m183.yaml /etc/app/m183.yaml
RUN ln -s /usr/local/bin/c184 /usr/local/bin/module-184
RUN set -eux; \
    mkdir -p /opt/m185; \
    echo 'module 185' > /opt/m185/README
ADD static/m186.tar.gz /srv/app/static/
ARG M187_VERSION=1.37.0
LABEL module.188.version="1.38"
WORKDIR /srv/app

# module 190: configuration, files and setup
ENV MODULE_191_ENABLED=true MODULE_191_PATH=/srv/app/m191
COPY --from=build /out/c95 /usr/local/bin/c192
COPY conf/m193.yaml /etc/app/m193.yaml
RUN ln -s /usr/local/bin/c194 /usr/local/bin/module-194
RUN set -eux; \
    mkdir -p /opt/m195; \
    echo 'module 195' > /opt/m195/README
ADD static/m196.tar.gz /srv/app/static/
ARG M197_VERSION=1.47.0
LABEL module.198.version="1.48"
WORKDIR /srv/app

# module 200: configuration, files and setup
ENV MODULE_201_ENABLED=true MODULE_201_PATH=/srv/app/m201
COPY --from=build /out/c8 /usr/local/bin/c202
COPY conf/m203.yaml /etc/app/m203.yaml
RUN ln -s /usr/local/bin/c204 /usr/local/bin/module-204
RUN set -eux; \
    mkdir -p /opt/m205; \
    echo 'module 205' > /opt/m205/README
ADD static/m206.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm207 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.208.version="1.8"
WORKDIR /srv/app

# module 210: configuration, files and setup
ENV MODULE_211_ENABLED=true MODULE_211_PATH=/srv/app/m211
COPY --from=build /out/c18 /usr/local/bin/c212
COPY conf/m213.yaml /etc/app/m213.yaml
RUN ln -s /usr/local/bin/c214 /usr/local/bin/module-214
RUN set -eux; \
    mkdir -p /opt/m215; \
    echo 'module 215' > /opt/m215/README
ADD static/m216.tar.gz /srv/app/static/
ARG M217_VERSION=1.17.0
LABEL module.218.version="1.18"
WORKDIR /srv/app

# module 220: configuration, files and setup
ENV MODULE_221_ENABLED=true MODULE_221_PATH=/srv/app/m221
COPY --from=build /out/c28 /usr/local/bin/c222
COPY conf/m223.yaml /etc/app/m223.yaml
RUN ln -s /usr/local/bin/c224 /usr/local/bin/module-224
RUN set -eux; \
    mkdir -p /opt/m225; \
    echo 'module 225' > /opt/m225/README
ADD static/m226.tar.gz /srv/app/static/
ARG M227_VERSION=1.27.0
LABEL module.228.version="1.28"
WORKDIR /srv/app

# module 230: configuration, files and setup
ENV MODULE_231_ENABLED=true MODULE_231_PATH=/srv/app/m231
COPY --from=build /out/c38 /usr/local/bin/c232
COPY conf/m233.yaml /etc/app/m233.yaml
RUN ln -s /usr/local/bin/c234 /usr/local/bin/module-234
RUN set -eux; \
    mkdir -p /opt/m235; \
    echo 'module 235' > /opt/m235/README
ADD static/m236.tar.gz /srv/app/static/
ARG M237_VERSION=1.37.0
LABEL module.238.version="1.38"
WORKDIR /srv/app

# module 240: configuration, files and setup
ENV MODULE_241_ENABLED=true MODULE_241_PATH=/srv/app/m241
COPY --from=build /out/c48 /usr/local/bin/c242
COPY conf/m243.yaml /etc/app/m243.yaml
RUN ln -s /usr/local/bin/c244 /usr/local/bin/module-244
RUN set -eux; \
    mkdir -p /opt/m245; \
    echo 'module 245' > /opt/m245/README
ADD static/m246.tar.gz /srv/app/static/
ARG M247_VERSION=1.47.0
LABEL module.248.version="1.48"
WORKDIR /srv/app

# module 250: configuration, files and setup
ENV MODULE_251_ENABLED=true MODULE_251_PATH=/srv/app/m251
COPY --from=build /out/c58 /usr/local/bin/c252
COPY conf/m253.yaml /etc/app/m253.yaml
RUN ln -s /usr/local/bin/c254 /usr/local/bin/module-254
RUN set -eux; \
    mkdir -p /opt/m255; \
    echo 'module 255' > /opt/m255/README
ADD static/m256.tar.gz /srv/app/static/
ARG M257_VERSION=1.7.0
LABEL module.258.version="1.8"
WORKDIR /srv/app

# module 260: configuration, files and setup
ENV MODULE_261_ENABLED=true MODULE_261_PATH=/srv/app/m261
COPY --from=build /out/c68 /usr/local/bin/c262
COPY conf/m263.yaml /etc/app/m263.yaml
RUN ln -s /usr/local/bin/c264 /usr/local/bin/module-264
RUN set -eux; \
    mkdir -p /opt/m265; \
    echo 'module 265' > /opt/m265/README
ADD static/m266.tar.gz /srv/app/static/
ARG M267_VERSION=1.17.0
LABEL module.268.version="1.18"
WORKDIR /srv/app

# module 270: configuration, files and setup
ENV MODULE_271_ENABLED=true MODULE_271_PATH=/srv/app/m271
COPY --from=build /out/c78 /usr/local/bin/c272
COPY conf/m273.yaml /etc/app/m273.yaml
RUN ln -s /usr/local/bin/c274 /usr/local/bin/module-274
RUN set -eux; \
    mkdir -p /opt/m275; \
    echo 'module 275' > /opt/m275/README
ADD static/m276.tar.gz /srv/app/static/
ARG M277_VERSION=1.27.0
LABEL module.278.version="1.28"
WORKDIR /srv/app

# module 280: configuration, files and setup
ENV MODULE_281_ENABLED=true MODULE_281_PATH=/srv/app/m281
COPY --from=build /out/c88 /usr/local/bin/c282
COPY conf/m283.yaml /etc/app/m283.yaml
RUN ln -s /usr/local/bin/c284 /usr/local/bin/module-284
RUN set -eux; \
    mkdir -p /opt/m285; \
    echo 'module 285' > /opt/m285/README
ADD static/m286.tar.gz /srv/app/static/
ARG M287_VERSION=1.37.0
LABEL module.288.version="1.38"
WORKDIR /srv/app

# module 290: configuration, files and setup
ENV MODULE_291_ENABLED=true MODULE_291_PATH=/srv/app/m291
COPY --from=build /out/c1 /usr/local/bin/c292
COPY conf/m293.yaml /etc/app/m293.yaml
RUN ln -s /usr/local/bin/c294 /usr/local/bin/module-294
RUN set -eux; \
    mkdir -p /opt/m295; \
    echo 'module 295' > /opt/m295/README
ADD static/m296.tar.gz /srv/app/static/
ARG M297_VERSION=1.47.0
LABEL module.298.version="1.48"
WORKDIR /srv/app

# module 300: configuration, files and setup
ENV MODULE_301_ENABLED=true MODULE_301_PATH=/srv/app/m301
COPY --from=build /out/c11 /usr/local/bin/c302
COPY conf/m303.yaml /etc/app/m303.yaml
RUN ln -s /usr/local/bin/c304 /usr/local/bin/module-304
RUN set -eux; \
    mkdir -p /opt/m305; \
    echo 'module 305' > /opt/m305/README
ADD static/m306.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm307 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.308.version="1.8"
WORKDIR /srv/app

# module 310: configuration, files and setup
ENV MODULE_311_ENABLED=true MODULE_311_PATH=/srv/app/m311
COPY --from=build /out/c21 /usr/local/bin/c312
COPY conf/m313.yaml /etc/app/m313.yaml
RUN ln -s /usr/local/bin/c314 /usr/local/bin/module-314
RUN set -eux; \
    mkdir -p /opt/m315; \
    echo 'module 315' > /opt/m315/README
ADD static/m316.tar.gz /srv/app/static/
ARG M317_VERSION=1.17.0
LABEL module.318.version="1.18"
WORKDIR /srv/app

# module 320: configuration, files and setup
ENV MODULE_321_ENABLED=true MODULE_321_PATH=/srv/app/m321
COPY --from=build /out/c31 /usr/local/bin/c322
COPY conf/m323.yaml /etc/app/m323.yaml
RUN ln -s /usr/local/bin/c324 /usr/local/bin/module-324
RUN set -eux; \
    mkdir -p /opt/m325; \
    echo 'module 325' > /opt/m325/README
ADD static/m326.tar.gz /srv/app/static/
ARG M327_VERSION=1.27.0
LABEL module.328.version="1.28"
WORKDIR /srv/app

# module 330: configuration, files and setup
ENV MODULE_331_ENABLED=true MODULE_331_PATH=/srv/app/m331
COPY --from=build /out/c41 /usr/local/bin/c332
COPY conf/m333.yaml /etc/app/m333.yaml
RUN ln -s /usr/local/bin/c334 /usr/local/bin/module-334
RUN set -eux; \
    mkdir -p /opt/m335; \
    echo 'module 335' > /opt/m335/README
ADD static/m336.tar.gz /srv/app/static/
ARG M337_VERSION=1.37.0
LABEL module.338.version="1.38"
WORKDIR /srv/app

# module 340: configuration, files and setup
ENV MODULE_341_ENABLED=true MODULE_341_PATH=/srv/app/m341
COPY --from=build /out/c51 /usr/local/bin/c342
COPY conf/m343.yaml /etc/app/m343.yaml
RUN ln -s /usr/local/bin/c344 /usr/local/bin/module-344
RUN set -eux; \
    mkdir -p /opt/m345; \
    echo 'module 345' > /opt/m345/README
ADD static/m346.tar.gz /srv/app/static/
ARG M347_VERSION=1.47.0
LABEL module.348.version="1.48"
WORKDIR /srv/app

# module 350: configuration, files and setup
ENV MODULE_351_ENABLED=true MODULE_351_PATH=/srv/app/m351
COPY --from=build /out/c61 /usr/local/bin/c352
COPY conf/m353.yaml /etc/app/m353.yaml
RUN ln -s /usr/local/bin/c354 /usr/local/bin/module-354
RUN set -eux; \
    mkdir -p /opt/m355; \
    echo 'module 355' > /opt/m355/README
ADD static/m356.tar.gz /srv/app/static/
ARG M357_VERSION=1.7.0
LABEL module.358.version="1.8"
WORKDIR /srv/app

# module 360: configuration, files and setup
ENV MODULE_361_ENABLED=true MODULE_361_PATH=/srv/app/m361
COPY --from=build /out/c71 /usr/local/bin/c362
COPY conf/m363.yaml /etc/app/m363.yaml
RUN ln -s /usr/local/bin/c364 /usr/local/bin/module-364
RUN set -eux; \
    mkdir -p /opt/m365; \
    echo 'module 365' > /opt/m365/README
ADD static/m366.tar.gz /srv/app/static/
ARG M367_VERSION=1.17.0
LABEL module.368.version="1.18"
WORKDIR /srv/app

# module 370: configuration, files and setup
ENV MODULE_371_ENABLED=true MODULE_371_PATH=/srv/app/m371
COPY --from=build /out/c81 /usr/local/bin/c372
COPY conf/m373.yaml /etc/app/m373.yaml
RUN ln -s /usr/local/bin/c374 /usr/local/bin/module-374
RUN set -eux; \
    mkdir -p /opt/m375; \
    echo 'module 375' > /opt/m375/README
ADD static/m376.tar.gz /srv/app/static/
ARG M377_VERSION=1.27.0
LABEL module.378.version="1.28"
WORKDIR /srv/app

# module 380: configuration, files and setup
ENV MODULE_381_ENABLED=true MODULE_381_PATH=/srv/app/m381
COPY --from=build /out/c91 /usr/local/bin/c382
COPY conf/m383.yaml /etc/app/m383.yaml
RUN ln -s /usr/local/bin/c384 /usr/local/bin/module-384
RUN set -eux; \
    mkdir -p /opt/m385; \
    echo 'module 385' > /opt/m385/README
ADD static/m386.tar.gz /srv/app/static/
ARG M387_VERSION=1.37.0
LABEL module.388.version="1.38"
WORKDIR /srv/app

# module 390: configuration, files and setup
ENV MODULE_391_ENABLED=true MODULE_391_PATH=/srv/app/m391
COPY --from=build /out/c4 /usr/local/bin/c392
COPY conf/m393.yaml /etc/app/m393.yaml
RUN ln -s /usr/local/bin/c394 /usr/local/bin/module-394
RUN set -eux; \
    mkdir -p /opt/m395; \
    echo 'module 395' > /opt/m395/README
ADD static/m396.tar.gz /srv/app/static/
ARG M397_VERSION=1.47.0
LABEL module.398.version="1.48"
WORKDIR /srv/app

# module 400: configuration, files and setup
ENV MODULE_401_ENABLED=true MODULE_401_PATH=/srv/app/m401
COPY --from=build /out/c14 /usr/local/bin/c402
COPY conf/m403.yaml /etc/app/m403.yaml
RUN ln -s /usr/local/bin/c404 /usr/local/bin/module-404
RUN set -eux; \
    mkdir -p /opt/m405; \
    echo 'module 405' > /opt/m405/README
ADD static/m406.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm407 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.408.version="1.8"
WORKDIR /srv/app

# module 410: configuration, files and setup
ENV MODULE_411_ENABLED=true MODULE_411_PATH=/srv/app/m411
COPY --from=build /out/c24 /usr/local/bin/c412
COPY conf/m413.yaml /etc/app/m413.yaml
RUN ln -s /usr/local/bin/c414 /usr/local/bin/module-414
RUN set -eux; \
    mkdir -p /opt/m415; \
    echo 'module 415' > /opt/m415/README
ADD static/m416.tar.gz /srv/app/static/
ARG M417_VERSION=1.17.0
LABEL module.418.version="1.18"
WORKDIR /srv/app

# module 420: configuration, files and setup
ENV MODULE_421_ENABLED=true MODULE_421_PATH=/srv/app/m421
COPY --from=build /out/c34 /usr/local/bin/c422
COPY conf/m423.yaml /etc/app/m423.yaml
RUN ln -s /usr/local/bin/c424 /usr/local/bin/module-424
RUN set -eux; \
    mkdir -p /opt/m425; \
    echo 'module 425' > /opt/m425/README
ADD static/m426.tar.gz /srv/app/static/
ARG M427_VERSION=1.27.0
LABEL module.428.version="1.28"
WORKDIR /srv/app

# module 430: configuration, files and setup
ENV MODULE_431_ENABLED=true MODULE_431_PATH=/srv/app/m431
COPY --from=build /out/c44 /usr/local/bin/c432
COPY conf/m433.yaml /etc/app/m433.yaml
RUN ln -s /usr/local/bin/c434 /usr/local/bin/module-434
RUN set -eux; \
    mkdir -p /opt/m435; \
    echo 'module 435' > /opt/m435/README
ADD static/m436.tar.gz /srv/app/static/
ARG M437_VERSION=1.37.0
LABEL module.438.version="1.38"
WORKDIR /srv/app

# module 440: configuration, files and setup
ENV MODULE_441_ENABLED=true MODULE_441_PATH=/srv/app/m441
COPY --from=build /out/c54 /usr/local/bin/c442
COPY conf/m443.yaml /etc/app/m443.yaml
RUN ln -s /usr/local/bin/c444 /usr/local/bin/module-444
RUN set -eux; \
    mkdir -p /opt/m445; \
    echo 'module 445' > /opt/m445/README
ADD static/m446.tar.gz /srv/app/static/
ARG M447_VERSION=1.47.0
LABEL module.448.version="1.48"
WORKDIR /srv/app

# module 450: configuration, files and setup
ENV MODULE_451_ENABLED=true MODULE_451_PATH=/srv/app/m451
COPY --from=build /out/c64 /usr/local/bin/c452
COPY conf/m453.yaml /etc/app/m453.yaml
RUN ln -s /usr/local/bin/c454 /usr/local/bin/module-454
RUN set -eux; \
    mkdir -p /opt/m455; \
    echo 'module 455' > /opt/m455/README
ADD static/m456.tar.gz /srv/app/static/
ARG M457_VERSION=1.7.0
LABEL module.458.version="1.8"
WORKDIR /srv/app

# module 460: configuration, files and setup
ENV MODULE_461_ENABLED=true MODULE_461_PATH=/srv/app/m461
COPY --from=build /out/c74 /usr/local/bin/c462
COPY conf/m463.yaml /etc/app/m463.yaml
RUN ln -s /usr/local/bin/c464 /usr/local/bin/module-464
RUN set -eux; \
    mkdir -p /opt/m465; \
    echo 'module 465' > /opt/m465/README
ADD static/m466.tar.gz /srv/app/static/
ARG M467_VERSION=1.17.0
LABEL module.468.version="1.18"
WORKDIR /srv/app

# module 470: configuration, files and setup
ENV MODULE_471_ENABLED=true MODULE_471_PATH=/srv/app/m471
COPY --from=build /out/c84 /usr/local/bin/c472
COPY conf/m473.yaml /etc/app/m473.yaml
RUN ln -s /usr/local/bin/c474 /usr/local/bin/module-474
RUN set -eux; \
    mkdir -p /opt/m475; \
    echo 'module 475' > /opt/m475/README
ADD static/m476.tar.gz /srv/app/static/
ARG M477_VERSION=1.27.0
LABEL module.478.version="1.28"
WORKDIR /srv/app

# module 480: configuration, files and setup
ENV MODULE_481_ENABLED=true MODULE_481_PATH=/srv/app/m481
COPY --from=build /out/c94 /usr/local/bin/c482
COPY conf/m483.yaml /etc/app/m483.yaml
RUN ln -s /usr/local/bin/c484 /usr/local/bin/module-484
RUN set -eux; \
    mkdir -p /opt/m485; \
    echo 'module 485' > /opt/m485/README
ADD static/m486.tar.gz /srv/app/static/
ARG M487_VERSION=1.37.0
LABEL module.488.version="1.38"
WORKDIR /srv/app

# module 490: configuration, files and setup
ENV MODULE_491_ENABLED=true MODULE_491_PATH=/srv/app/m491
COPY --from=build /out/c7 /usr/local/bin/c492
COPY conf/m493.yaml /etc/app/m493.yaml
RUN ln -s /usr/local/bin/c494 /usr/local/bin/module-494
RUN set -eux; \
    mkdir -p /opt/m495; \
    echo 'module 495' > /opt/m495/README
ADD static/m496.tar.gz /srv/app/static/
ARG M497_VERSION=1.47.0
LABEL module.498.version="1.48"
WORKDIR /srv/app

# module 500: configuration, files and setup
ENV MODULE_501_ENABLED=true MODULE_501_PATH=/srv/app/m501
COPY --from=build /out/c17 /usr/local/bin/c502
COPY conf/m503.yaml /etc/app/m503.yaml
RUN ln -s /usr/local/bin/c504 /usr/local/bin/module-504
RUN set -eux; \
    mkdir -p /opt/m505; \
    echo 'module 505' > /opt/m505/README
ADD static/m506.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm507 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.508.version="1.8"
WORKDIR /srv/app

# module 510: configuration, files and setup
ENV MODULE_511_ENABLED=true MODULE_511_PATH=/srv/app/m511
COPY --from=build /out/c27 /usr/local/bin/c512
COPY conf/m513.yaml /etc/app/m513.yaml
RUN ln -s /usr/local/bin/c514 /usr/local/bin/module-514
RUN set -eux; \
    mkdir -p /opt/m515; \
    echo 'module 515' > /opt/m515/README
ADD static/m516.tar.gz /srv/app/static/
ARG M517_VERSION=1.17.0
LABEL module.518.version="1.18"
WORKDIR /srv/app

# module 520: configuration, files and setup
ENV MODULE_521_ENABLED=true MODULE_521_PATH=/srv/app/m521
COPY --from=build /out/c37 /usr/local/bin/c522
COPY conf/m523.yaml /etc/app/m523.yaml
RUN ln -s /usr/local/bin/c524 /usr/local/bin/module-524
RUN set -eux; \
    mkdir -p /opt/m525; \
    echo 'module 525' > /opt/m525/README
ADD static/m526.tar.gz /srv/app/static/
ARG M527_VERSION=1.27.0
LABEL module.528.version="1.28"
WORKDIR /srv/app

# module 530: configuration, files and setup
ENV MODULE_531_ENABLED=true MODULE_531_PATH=/srv/app/m531
COPY --from=build /out/c47 /usr/local/bin/c532
COPY conf/m533.yaml /etc/app/m533.yaml
RUN ln -s /usr/local/bin/c534 /usr/local/bin/module-534
RUN set -eux; \
    mkdir -p /opt/m535; \
    echo 'module 535' > /opt/m535/README
ADD static/m536.tar.gz /srv/app/static/
ARG M537_VERSION=1.37.0
LABEL module.538.version="1.38"
WORKDIR /srv/app

# module 540: configuration, files and setup
ENV MODULE_541_ENABLED=true MODULE_541_PATH=/srv/app/m541
COPY --from=build /out/c57 /usr/local/bin/c542
COPY conf/m543.yaml /etc/app/m543.yaml
RUN ln -s /usr/local/bin/c544 /usr/local/bin/module-544
RUN set -eux; \
    mkdir -p /opt/m545; \
    echo 'module 545' > /opt/m545/README
ADD static/m546.tar.gz /srv/app/static/
ARG M547_VERSION=1.47.0
LABEL module.548.version="1.48"
WORKDIR /srv/app

# module 550: configuration, files and setup
ENV MODULE_551_ENABLED=true MODULE_551_PATH=/srv/app/m551
COPY --from=build /out/c67 /usr/local/bin/c552
COPY conf/m553.yaml /etc/app/m553.yaml
RUN ln -s /usr/local/bin/c554 /usr/local/bin/module-554
RUN set -eux; \
    mkdir -p /opt/m555; \
    echo 'module 555' > /opt/m555/README
ADD static/m556.tar.gz /srv/app/static/
ARG M557_VERSION=1.7.0
LABEL module.558.version="1.8"
WORKDIR /srv/app

# module 560: configuration, files and setup
ENV MODULE_561_ENABLED=true MODULE_561_PATH=/srv/app/m561
COPY --from=build /out/c77 /usr/local/bin/c562
COPY conf/m563.yaml /etc/app/m563.yaml
RUN ln -s /usr/local/bin/c564 /usr/local/bin/module-564
RUN set -eux; \
    mkdir -p /opt/m565; \
    echo 'module 565' > /opt/m565/README
ADD static/m566.tar.gz /srv/app/static/
ARG M567_VERSION=1.17.0
LABEL module.568.version="1.18"
WORKDIR /srv/app

# module 570: configuration, files and setup
ENV MODULE_571_ENABLED=true MODULE_571_PATH=/srv/app/m571
COPY --from=build /out/c87 /usr/local/bin/c572
COPY conf/m573.yaml /etc/app/m573.yaml
RUN ln -s /usr/local/bin/c574 /usr/local/bin/module-574
RUN set -eux; \
    mkdir -p /opt/m575; \
    echo 'module 575' > /opt/m575/README
ADD static/m576.tar.gz /srv/app/static/
ARG M577_VERSION=1.27.0
LABEL module.578.version="1.28"
WORKDIR /srv/app

# module 580: configuration, files and setup
ENV MODULE_581_ENABLED=true MODULE_581_PATH=/srv/app/m581
COPY --from=build /out/c0 /usr/local/bin/c582
COPY conf/m583.yaml /etc/app/m583.yaml
RUN ln -s /usr/local/bin/c584 /usr/local/bin/module-584
RUN set -eux; \
    mkdir -p /opt/m585; \
    echo 'module 585' > /opt/m585/README
ADD static/m586.tar.gz /srv/app/static/
ARG M587_VERSION=1.37.0
LABEL module.588.version="1.38"
WORKDIR /srv/app

# module 590: configuration, files and setup
ENV MODULE_591_ENABLED=true MODULE_591_PATH=/srv/app/m591
COPY --from=build /out/c10 /usr/local/bin/c592
COPY conf/m593.yaml /etc/app/m593.yaml
RUN ln -s /usr/local/bin/c594 /usr/local/bin/module-594
RUN set -eux; \
    mkdir -p /opt/m595; \
    echo 'module 595' > /opt/m595/README
ADD static/m596.tar.gz /srv/app/static/
ARG M597_VERSION=1.47.0
LABEL module.598.version="1.48"
WORKDIR /srv/app

# module 600: configuration, files and setup
ENV MODULE_601_ENABLED=true MODULE_601_PATH=/srv/app/m601
COPY --from=build /out/c20 /usr/local/bin/c602
COPY conf/m603.yaml /etc/app/m603.yaml
RUN ln -s /usr/local/bin/c604 /usr/local/bin/module-604
RUN set -eux; \
    mkdir -p /opt/m605; \
    echo 'module 605' > /opt/m605/README
ADD static/m606.tar.gz /srv/app/static/
RUN apt-get update \
 && apt-get install -y --no-install-recommends libm607 \
 && rm -rf /var/lib/apt/lists/*
LABEL module.608.version="1.8"
WORKDIR /srv/app

# module 610: configuration, files and setup
ENV MODULE_611_ENABLED=true MODULE_611_PATH=/srv/app/m611
COPY --from=build /out/c30 /usr/local/bin/c612
COPY conf/m613.yaml /etc/app/m613.yaml
RUN ln -s /usr/local/bin/c614 /usr/local/bin/module-614
RUN set -eux; \
    mkdir -p /opt/m615; \
    echo 'module 615' > /opt/m615/README
ADD static/m616.tar.gz /srv/app/static/
ARG M617_VERSION=1.17.0
LABEL module.618.version="1.18"
WORKDIR /srv/app

# module 620: configuration, files and setup
ENV MODULE_621_ENABLED=true MODULE_621_PATH=/srv/app/m621
COPY --from=build /out/c40 /usr/local/bin/c622
COPY conf/m623.yaml /etc/app/m623.yaml
RUN ln -s /usr/local/bin/c624 /usr/local/bin/module-624
RUN set -eux; \
    mkdir -p /opt/m625; \
    echo 'module 625' > /opt/m625/README
ADD static/m626.tar.gz /srv/app/static/
ARG M627_VERSION=1.27.0
LABEL module.628.version="1.28"
WORKDIR /srv/app

# module 630: configuration, files and setup
ENV MODULE_631_ENABLED=true MODULE_631_PATH=/srv/app/m631
COPY --from=build /out/c50 /usr/local/bin/c632
COPY conf/m633.yaml /etc/app/m633.yaml
RUN ln -s /usr/local/bin/c634 /usr/local/bin/module-634
RUN set -eux; \
    mkdir -p /opt/m635; \
    echo 'module 635' > /opt/m635/README
ADD static/m636.tar.gz /srv/app/static/
ARG M637_VERSION=1.37.0
LABEL module.638.version="1.38"
WORKDIR /srv/app

# module 640: configuration, files and setup
ENV MODULE_641_ENABLED=true MODULE_641_PATH=/srv/app/m641
COPY --from=build /out/c60 /usr/local/bin/c642
COPY conf/m643.yaml /etc/app/m643.yaml
RUN ln -s /usr/local/bin/c644 /usr/local/bin/module-644
RUN set -eux; \
    mkdir -p /opt/m645; \
    echo 'module 645' > /opt/m645/README
ADD static/m646.tar.gz /srv/app/static/
ARG M647_VERSION=1.47.0
LABEL module.648.version="1.48"
WORKDIR /srv/app

# module 650: configuration, files and setup
ENV MODULE_651_ENABLED=true MODULE_651_PATH=/srv/app/m651
COPY --from=build /out/c70 /usr/local/bin/c652
COPY conf/m653.yaml /etc/app/m653.yaml
RUN ln -s /usr/local/bin/c654 /usr/local/bin/module-654
RUN set -eux; \
    mkdir -p /opt/m655; \
    echo 'module 655' > /opt/m655/README
ADD static/m656.tar.gz /srv/app/static/
ARG M657_VERSION=1.7.0
LABEL module.658.version="1.8"
WORKDIR /srv/app

# module 660: configuration, files and setup
ENV MODULE_661_ENABLED=true MODULE_661_PATH=/srv/app/m661
COPY --from=build /out/c80 /usr/local/bin/c662
COPY conf/m663.yaml /etc/app/m663.yaml
RUN ln -s /usr/local/bin/c664 /usr/local/bin/module-664
RUN set -eux; \
    mkdir -p /opt/m665; \
    echo 'module 665' > /opt/m665/README
ADD static/m666.tar.gz /srv/app/static/
ARG M667_VERSION=1.17.0
LABEL module.668.version="1.18"
WORKDIR /srv/app
EXPOSE 8080
# health and start
HEALTHCHECK --interval=30s --timeout=3s \
  CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/c1"]
CMD ["--config", "/etc/app/m3.yaml"]
