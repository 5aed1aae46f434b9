package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/urfave/cli/v2"
)

// config is one invocation's settings.
type config struct {
	opts                     rewrite.Options
	write, diff, list, quiet bool
	filename                 string
	jobs                     int
	stdin                    io.Reader
	stdout, stderr           io.Writer
}

func newConfig(c *cli.Context) (*config, error) {
	o := rewrite.DefaultOptions()
	o.UID, o.GID = c.Int("uid"), c.Int("gid")
	o.User, o.Group = c.String("user"), c.String("group")
	o.Target = c.String("target")
	o.Family = rewrite.Family(c.String("family"))
	if err := o.Validate(); err != nil {
		return nil, err
	}
	cfg := &config{
		opts:     o,
		write:    c.Bool("write"),
		diff:     c.Bool("diff"),
		list:     c.Bool("list"),
		quiet:    c.Bool("quiet"),
		filename: c.String("filename"),
		jobs:     max(c.Int("jobs"), 1),
		stdin:    c.App.Reader,
		stdout:   c.App.Writer,
		stderr:   c.App.ErrWriter,
	}
	return cfg, nil
}

// result is what processing one input printed, kept until its turn.
type result struct {
	stdout, stderr bytes.Buffer
	code           int
}

func (r *result) fail(format string, a ...any) {
	fmt.Fprintf(&r.stderr, "dockerharden: "+format+"\n", a...)
	r.code = max(r.code, exitError)
}

// each runs fn over the inputs on cfg.jobs workers and prints the results
// in input order, so the same tree always gives the same output. It
// returns the worst exit code.
func (cfg *config) each(args []string, fn func(in input, r *result)) int {
	if len(args) == 0 {
		args = []string{"-"}
	}
	ins := collect(args)
	results := make([]*result, len(ins))
	done := make([]chan struct{}, len(ins))
	for i := range done {
		done[i] = make(chan struct{})
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(cfg.jobs, len(ins)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				r := &result{}
				if ins[i].err != nil {
					r.fail("%v", ins[i].err)
				} else {
					fn(ins[i], r)
				}
				results[i] = r
				close(done[i])
			}
		}()
	}
	go func() {
		for i := range ins {
			work <- i
		}
		close(work)
	}()
	code := exitOK
	for i := range ins {
		<-done[i]
		r := results[i]
		cfg.stdout.Write(r.stdout.Bytes())
		cfg.stderr.Write(r.stderr.Bytes())
		code = max(code, r.code)
		results[i] = nil
	}
	wg.Wait()
	return code
}

// name is how an input appears in messages and diff headers.
func (cfg *config) name(in input) string {
	if !in.stdin {
		return in.path
	}
	if cfg.filename != "" {
		return cfg.filename
	}
	return "<stdin>"
}

// read returns the input's bytes. Standard input is read once.
func (cfg *config) read(in input) ([]byte, error) {
	if in.stdin {
		return readLimited(cfg.stdin)
	}
	return readFile(in.path)
}

func (cfg *config) fixAll(args []string) int {
	stdins := 0
	for _, a := range args {
		if a == "-" {
			stdins++
		}
	}
	if len(args) == 0 {
		stdins = 1
	}
	switch {
	case stdins > 1:
		fmt.Fprintln(cfg.stderr, "dockerharden: standard input (-) can be named only once")
		return exitError
	case stdins > 0 && cfg.write:
		fmt.Fprintln(cfg.stderr, "dockerharden: -w cannot write to standard input")
		return exitError
	}
	return cfg.each(args, cfg.fixOne)
}

func (cfg *config) fixOne(in input, r *result) {
	name := cfg.name(in)
	src, err := cfg.read(in)
	if err != nil {
		r.fail("%s: %v", name, err)
		return
	}
	res, err := rewrite.Fix(name, src, cfg.opts)
	if err != nil {
		var re *rewrite.Error
		if errors.As(err, &re) {
			r.fail("%v", err)
		} else {
			r.fail("%s: %v", name, err)
		}
		return
	}
	if !cfg.quiet {
		for _, w := range res.Warnings() {
			fmt.Fprintf(&r.stderr, "dockerharden: %s:%d: warning: %s (%s)\n", name, w.Line, w.Message, w.Rule)
		}
	}
	if !cfg.write && !cfg.diff && !cfg.list {
		r.stdout.Write(res.Output)
		return
	}
	if !res.Changed {
		return
	}
	if cfg.list {
		fmt.Fprintln(&r.stdout, name)
	}
	if cfg.diff {
		r.stdout.Write(rewrite.Diff(name, src, res.Output))
	}
	if cfg.write {
		if err := writeFile(in.path, src, res.Output); err != nil {
			r.fail("%s: %v", name, err)
		}
		return
	}
	r.code = max(r.code, exitChanges)
}
