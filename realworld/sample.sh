#!/usr/bin/env bash
# usage: sample.sh N [OUTDIR=/work/scratch/out-main] [SEED=42] [MAX_PER_REPO=3]
# Prints a stratified random sample of N corpus ids (fixed seed): id, outcome, kind, family, repo.
# Strata = outcome (changed | declined = unchanged with warning | unchanged = no warning | error)
#        x kind (app | image) x base family of the last stage (FROM, ARG defaults and stage aliases
#        resolved): debian-ubuntu, alpine, distroless-scratch, rhel, lang-node/python/golang/java/
#        dotnet/php/other, nginx-httpd, windows, other-unresolved (ARG without default), other.
# Round-robin over shuffled strata, at most MAX_PER_REPO per repository (relaxed if exhausted).
# Stratum sizes go to stderr. Needs the results of run.sh in OUTDIR.
C=${CORPUS:-$(cd "$(dirname "$0")" && pwd)}
exec python3 - "$C" "${1:?N}" "${2:-/work/scratch/out-main}" "${3:-42}" "${4:-3}" <<'PY'
import sys, os, re, random, collections
C, N, OUT, SEED, MAXR = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

def family(text):
    text = re.sub(r'\\\r?\n', ' ', text)
    args, stages = {}, []
    for l in text.split('\n'):
        m = re.match(r'\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?', l, re.I)
        if m and not stages:
            args[m.group(1)] = (m.group(2) or '').strip('"\'')
        m = re.match(r'\s*FROM\s+(.*)', l, re.I)
        if m:
            toks = [t for t in m.group(1).split() if not t.startswith('--')]
            if not toks: continue
            img = toks[0]; alias = toks[2].lower() if len(toks) >= 3 and toks[1].lower() == 'as' else None
            stages.append((img, alias))
    if not stages: return 'other'
    def sub(s):
        for _ in range(3):
            s = re.sub(r'\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)',
                       lambda m: args.get(m.group(1) or m.group(2), m.group(0)), s)
        return s
    img = sub(stages[-1][0]); seen = 0
    aliases = {a: sub(i) for i, a in stages if a}
    while img.lower() in aliases and seen < 10:
        img = aliases[img.lower()]; seen += 1
    i = img.lower()
    if re.search(r'(windows|servercore|nanoserver|dotnet/framework|ltsc20)', i): return 'windows'
    if '$' in i or '{{' in i: return 'other-unresolved'
    if re.search(r'(^scratch$|distroless|chainguard|cgr\.dev|wolfi|chiseled|static-debian|ubi-micro)', i): return 'distroless-scratch'
    if re.search(r'(^|/)(nginx|httpd|apache|nginx-unprivileged|openresty)[:@]|(^|/)(nginx|httpd)$|nginxinc/', i): return 'nginx-httpd'
    if re.search(r'(^|/)(node|bun|deno)[:@]|(^|/)node$', i): return 'lang-node'
    if re.search(r'(^|/)(python|pypy|miniconda\d?|conda|pytorch|tensorflow)[:@/]|(^|/)python$|/pytorch|tensorflow|cuda|uv[:@]', i): return 'lang-python'
    if re.search(r'(^|/)(golang|go)[:@]|(^|/)golang$', i): return 'lang-golang'
    if re.search(r'(openjdk|temurin|corretto|maven|gradle|jdk|jre|tomcat|jetty|semeru|zulu|keycloak)', i): return 'lang-java'
    if re.search(r'(dotnet|aspnet)', i): return 'lang-dotnet'
    if re.search(r'(^|/)(php|wordpress|composer|drupal)[:@]|(^|/)php$', i): return 'lang-php'
    if re.search(r'(^|/)(ruby|rust|elixir|erlang|perl|julia|swift|haskell|clojure|r-base)[:@]', i): return 'lang-other'
    if re.search(r'(debian|ubuntu|buildpack-deps|devcontainers/base)', i): return 'debian-ubuntu'
    if re.search(r'(alpine|busybox)', i): return 'alpine'
    if re.search(r'(ubi\d?|redhat|rhel|centos|fedora|rocky|alma|oraclelinux|amazonlinux|azurelinux|mariner|photon)', i): return 'rhel'
    return 'other'

rows = []
for l in list(open(os.path.join(OUT, 'results.tsv')))[1:]:
    id_, kind, frc, crc, idem, nw = l.rstrip('\n').split('\t')
    out = 'changed' if frc == '1' else 'error' if frc not in ('0', '1') else 'declined' if int(nw) > 0 else 'unchanged'
    fam = family(open(os.path.join(C, 'files', id_), encoding='utf-8', errors='replace').read())
    rows.append((id_, out, kind, fam, id_.split('/')[0]))
rnd = random.Random(SEED)
strata = collections.defaultdict(list)
for r in rows: strata[r[1:4]].append(r)
keys = sorted(strata); rnd.shuffle(keys)
for k in keys: rnd.shuffle(strata[k])
for k in sorted(strata): print(f'# {len(strata[k]):4d} {" ".join(k)}', file=sys.stderr)
picked, perrepo, cap = [], collections.Counter(), MAXR
while len(picked) < min(N, len(rows)):
    progress = False
    for k in keys:
        if len(picked) >= N: break
        for j, r in enumerate(strata[k]):
            if perrepo[r[4]] < cap:
                picked.append(strata[k].pop(j)); perrepo[r[4]] += 1; progress = True; break
    if not progress: cap += 1
for r in picked: print('\t'.join(r))
PY
