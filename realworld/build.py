#!/usr/bin/env python3
"""Build the corpus: files/<id>, ctx/<id>/..., index.tsv. id = owner__repo/path-with-/-as-__"""
import subprocess, re, os, shutil, fnmatch, shlex, sys
ROOT = os.environ.get('CORPUS') or os.path.dirname(os.path.abspath(__file__))
CAP = 30
MAXF, MAXB = 20, 200 * 1024
DFPAT = re.compile(r'(^|/)(Dockerfile|Containerfile)(\.[^/]*)?$|\.(Dockerfile|dockerfile)$')
CTXPAT = ['*.sh', 'docker-entrypoint*', 'entrypoint*', '*.conf', 'start*', 'run*']

def git(d, *a, text=True):
    return subprocess.run(['git', '--git-dir', d] + list(a), capture_output=True, text=text, check=True).stdout

def sample(lst, n):
    if len(lst) <= n: return lst
    return [lst[(i * len(lst)) // n] for i in range(n)]

def ctxmatch(name):
    b = os.path.basename(name)
    return any(fnmatch.fnmatch(b, p) for p in CTXPAT) and not b.endswith('.dockerignore') and not DFPAT.search(b)

def copy_sources(text):
    """relative sources of COPY/ADD without --from"""
    out = []
    lines = re.sub(r'\\\r?\n', ' ', text).split('\n')
    for l in lines:
        m = re.match(r'\s*(?:ONBUILD\s+)?(COPY|ADD)\s+(.*)', l, re.I)
        if not m: continue
        rest = m.group(2).strip()
        if '--from' in rest: continue
        if rest.startswith('['):
            try:
                import json; args = json.loads(rest)
            except Exception: continue
        else:
            try: args = shlex.split(rest)
            except Exception: args = rest.split()
        args = [a for a in args if not a.startswith('--')]
        for s in args[:-1]:
            if '://' in s or '$' in s: continue
            out.append(s.lstrip('./').rstrip('/') if s not in ('.', './') else '.')
    return out

def main():
    repos = [l.rstrip('\n').split('\t') for l in open(os.path.join(ROOT, 'repos.tsv')) if l.strip()]
    for sub in ('files', 'ctx'):
        shutil.rmtree(os.path.join(ROOT, sub), ignore_errors=True)
    idx = open(os.path.join(ROOT, 'index.tsv'), 'w')
    idx.write('id\trepo\tpath\tkind\tcommit\n')
    tot = 0
    for repo, kind in repos:
        d = f"/work/.mirror/{repo.replace('/', '+', 1)}/repo"
        commit = git(d, 'rev-parse', 'HEAD').strip()
        tree = {}
        for l in git(d, 'ls-tree', '-r', '-l', 'HEAD').split('\n'):
            if not l: continue
            meta, path = l.split('\t', 1)
            mode, typ, sha, size = meta.split()
            if typ == 'blob' and mode != '120000' and size.isdigit():
                tree[path] = int(size)
        dfs = sorted(p for p in tree if DFPAT.search(p) and not p.endswith('.dockerignore') and tree[p] < 1_000_000)
        chosen = sample(dfs, CAP)
        rid = repo.replace('/', '__')
        for p in chosen:
            fid = rid + '/' + p.replace('/', '__')
            data = git(d, 'show', f'HEAD:{p}', text=False)
            fp = os.path.join(ROOT, 'files', fid)
            os.makedirs(os.path.dirname(fp), exist_ok=True)
            open(fp, 'wb').write(data)
            # context
            ddir = os.path.dirname(p)
            pre = ddir + '/' if ddir else ''
            want = []  # (relpath in ctx, repo path)
            text = data.decode('utf-8', 'replace')
            for src in copy_sources(text):
                for base in (pre, ''):
                    full = (base + src) if src != '.' else base.rstrip('/')
                    if full in tree:
                        if tree[full] <= 100 * 1024: want.append((src, full))
                        break
                    # directory or glob: pattern-matching files inside (depth <= 3)
                    hits = []
                    if any(c in src for c in '*?['):
                        hits = [q for q in tree if fnmatch.fnmatch(q, base + src)]
                    else:
                        pref = (full + '/') if full else ''
                        hits = [q for q in tree if q.startswith(pref) and q[len(pref):].count('/') < 3 and ctxmatch(q)] if (pref and any(q.startswith(pref) for q in tree)) else []
                    if hits:
                        for q in sorted(hits):
                            if ctxmatch(q) and tree[q] <= 100 * 1024:
                                want.append((q[len(base):], q))
                        break
            for q in sorted(tree):
                if os.path.dirname(q) == ddir and ctxmatch(q):
                    want.append((os.path.basename(q), q))
            seen, nb, nf = set(), 0, 0
            for rel, q in want:
                if rel in seen or rel.startswith('/') or '..' in rel.split('/'): continue
                if nf >= MAXF or nb + tree[q] > MAXB: continue
                seen.add(rel); nf += 1; nb += tree[q]
                cp = os.path.join(ROOT, 'ctx', fid, rel)
                os.makedirs(os.path.dirname(cp), exist_ok=True)
                open(cp, 'wb').write(git(d, 'show', f'HEAD:{q}', text=False))
            os.makedirs(os.path.join(ROOT, 'ctx', fid), exist_ok=True)
            idx.write(f'{fid}\t{repo}\t{p}\t{kind}\t{commit}\n')
            tot += 1
        print(f'{repo}\t{kind}\t{len(dfs)}\t{len(chosen)}', file=sys.stderr)
    print('total', tot, file=sys.stderr)

main()
