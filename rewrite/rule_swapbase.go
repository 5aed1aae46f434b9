package rewrite

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/images"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// swap is an opted-in change of base image (--swap-base): the official
// nginx image for nginxinc/nginx-unprivileged, same tag, which runs as 101
// and listens on 8080.
type swap struct {
	from     *parser.Node // the FROM whose image changes
	old, new string
}

// unprivilegedNginx is the repository --swap-base moves nginx to.
const unprivilegedNginx = "nginxinc/nginx-unprivileged"

// planSwap decides the base swap when the options ask for it and the
// target's chain starts FROM the official nginx image, written out.
func (d *Decision) planSwap() {
	if !d.opts.SwapBase {
		return
	}
	root := d.Target.Root()
	a := dockerfile.Args(root.From)
	if len(a) == 0 || strings.Contains(a[0], "$") {
		return
	}
	_, tag := images.SplitRef(a[0])
	if r, _ := images.ParseRef(a[0]); r != "nginx" || d.generated() {
		return
	}
	newRef := unprivilegedNginx
	if tag != "" {
		newRef += ":" + tag
	}
	d.swap = &swap{from: root.From, old: a[0], new: newRef}
	img := images.Lookup(newRef)
	for _, s := range d.Stages {
		if s.Root() == root {
			d.bases[s] = img
		}
	}
}

// swapBase reports the swap (DH024) with its edits: the image in FROM, and
// EXPOSE 80 to 8080 in the target stage. Configs the file copies into
// /etc/nginx still say listen 80: the finding names them.
func (c *check) swapBase() {
	sw := c.swap
	if sw == nil {
		return
	}
	d := c.doc
	text := d.Src[d.KeywordAt(sw.from):d.LineEnd(sw.from.EndLine)]
	i := bytes.Index(text, []byte(sw.old))
	if i < 0 {
		return
	}
	start := d.KeywordAt(sw.from) + i
	edits := []dockerfile.Edit{{Start: start, End: start + len(sw.old), New: sw.new}}
	for _, n := range c.Target.Body {
		if dockerfile.Cmd(n) != "expose" {
			continue
		}
		// Each "80" token (also "80/tcp") becomes 8080.
		line := d.Src[d.KeywordAt(n):d.LineEnd(n.EndLine)]
		for off := 0; ; {
			j := bytes.Index(line[off:], []byte("80"))
			if j < 0 {
				break
			}
			at := off + j
			end := at + 2
			if (at == 0 || line[at-1] == ' ' || line[at-1] == '\t') &&
				(end == len(line) || line[end] == ' ' || line[end] == '\t' || line[end] == '/') {
				p := d.KeywordAt(n) + at
				edits = append(edits, dockerfile.Edit{Start: p, End: p + 2, New: "8080"})
			}
			off = end
		}
	}
	msg := fmt.Sprintf("fix swaps %s for %s (the same image, run as 101, listening on 8080)", sw.old, sw.new)
	if hint := c.nginxConfigHint(); hint != "" {
		msg += "; " + hint
	}
	c.add(SwapBase, sw.from, true, SwapBase.message(msg), edits...)
}

// nginxConfigHint names the nginx configs the stage copies in, which an
// unprivileged nginx cannot use as they are: listen 80 needs root, and a
// whole nginx.conf sets the pid file (/var/run/nginx.pid) and temp paths
// in root-owned directories. "" when it copies none.
func (d *Decision) nginxConfigHint() string {
	var configs []string
	main := false
	for _, s := range d.Target.Chain() {
		for _, n := range s.Body {
			if cmd := dockerfile.Cmd(n); cmd == "copy" || cmd == "add" {
				if a := dockerfile.Args(n); len(a) > 1 && strings.HasPrefix(a[len(a)-1], "/etc/nginx") {
					configs = append(configs, fmt.Sprint(n.StartLine))
					main = main || a[len(a)-1] == "/etc/nginx/nginx.conf" || a[len(a)-1] == "/etc/nginx/" && path.Base(a[0]) == "nginx.conf"
				}
			}
		}
	}
	if len(configs) == 0 {
		return ""
	}
	hint := "change listen 80 to 8080 in the configs copied on line " + strings.Join(configs, ", ")
	if main {
		hint += ", and in the nginx.conf put the pid file and temp paths under /tmp (pid /tmp/nginx.pid), as the unprivileged image's own nginx.conf does"
	}
	return hint
}
