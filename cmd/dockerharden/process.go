package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/dockerharden/dockerharden/config"
	"github.com/dockerharden/dockerharden/dockerfile"
	"github.com/dockerharden/dockerharden/report"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/urfave/cli/v3"
)

// settings is one invocation's flags and streams.
type settings struct {
	flags    func(*rewrite.Options) // applies the flags the user set
	write    bool
	outside  bool // --write-outside
	diff     bool
	list     bool
	quiet    bool
	filename string
	context  string // --context DIR; "" = the Dockerfile's directory
	jobs     int
	configs  *config.Finder
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

func newSettings(c *cli.Command) (*settings, error) {
	s := &settings{
		write:    c.Bool("write"),
		outside:  c.Bool("write-outside"),
		diff:     c.Bool("diff"),
		list:     c.Bool("list"),
		quiet:    c.Bool("quiet"),
		filename: c.String("filename"),
		context:  c.String("context"),
		jobs:     max(c.Int("jobs"), 1),
		configs:  &config.Finder{},
		stdin:    c.Root().Reader,
		stdout:   c.Root().Writer,
		stderr:   c.Root().ErrWriter,
	}
	// Flags override the config file, so only flags the user set apply.
	// Values were checked when the flags were parsed and again by Validate.
	s.flags = func(o *rewrite.Options) {
		for _, name := range rewrite.OptionNames {
			if c.IsSet(name) {
				_ = o.Set(name, fmt.Sprint(c.Value(name)))
			}
		}
	}
	// Reject bad flag values before any I/O.
	o := rewrite.DefaultOptions()
	s.flags(&o)
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// result is what processing one input produced, kept until its turn.
type result struct {
	stdout, stderr bytes.Buffer
	code           int
	file           report.File // for check
	note           bool        // a note about the walk, not a file
}

func (r *result) fail(format string, a ...any) {
	fmt.Fprintf(&r.stderr, "dockerharden: "+format+"\n", a...)
	r.code = max(r.code, exitError)
}

// each runs fn over the inputs on s.jobs workers and hands the results to
// emit in input order, so the same tree always gives the same output. It
// returns the worst exit code.
func (s *settings) each(args []string, fn func(in input, r *result), emit func(r *result)) int {
	if len(args) == 0 {
		args = []string{"-"}
	}
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	if n > 1 {
		fmt.Fprintln(s.stderr, "dockerharden: standard input (-) can be named only once")
		return exitError
	}
	ins := collect(args, s.configs)
	results := make([]*result, len(ins))
	done := make([]chan struct{}, len(ins))
	for i := range done {
		done[i] = make(chan struct{})
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(s.jobs, len(ins)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				r := &result{}
				if ins[i].note != "" {
					r.note = true
					if !s.quiet {
						fmt.Fprintf(&r.stderr, "dockerharden: %s\n", ins[i].note)
					}
				} else if ins[i].err != nil {
					r.fail("%v", ins[i].err)
					r.file = report.File{Path: ins[i].path, Err: ins[i].err}
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
		emit(results[i])
		code = max(code, results[i].code)
		results[i] = nil
	}
	wg.Wait()
	return code
}

// name is how an input appears in messages and diff headers.
func (s *settings) name(in input) string {
	if !in.stdin {
		return in.path
	}
	if s.filename != "" {
		return s.filename
	}
	return "<stdin>"
}

// load reads an input and works out its options: defaults, then the
// nearest .dockerharden.yaml, then flags. skip is true for a file that the
// config excludes: it is treated as needing nothing.
func (s *settings) load(in input) (name string, src []byte, opts rewrite.Options, skip bool, err error) {
	name = s.name(in)
	path := in.path
	if in.stdin {
		path = s.filename
		src, err = readLimited(s.stdin, 0)
	} else {
		src, err = readFile(in.path)
	}
	if err != nil {
		return name, nil, opts, false, fmt.Errorf("%s: %w", name, err)
	}
	dir := "."
	if path != "" {
		dir = filepath.Dir(path)
	}
	cf, err := s.configs.For(dir)
	if err != nil {
		return name, src, opts, false, err
	}
	opts = rewrite.DefaultOptions()
	cf.Apply(&opts)
	s.flags(&opts)
	// The build context, for the start scripts the stage copies from it:
	// --context, else the Dockerfile's directory and its parents up to the
	// repository root (stdin: --filename's).
	var dirs []string
	if path != "" {
		dirs = contextDirs(dir)
	}
	switch {
	case s.context != "":
		opts.Context = os.DirFS(s.context)
	case path != "":
		opts.Context = buildContext(dirs)
	}
	// How the repository runs the image: the compose files next to the
	// Dockerfile and in its parents up to the repository root.
	if path != "" {
		opts.Compose, opts.Manifests = runFiles(path, dirs)
	}
	if err := opts.Validate(); err != nil {
		return name, src, opts, false, fmt.Errorf("%s: %w", name, err)
	}
	return name, src, opts, path != "" && cf.Excluded(path, false), nil
}

// harden runs rewrite.Fix, or returns the input unchanged for excluded files.
func harden(name string, src []byte, opts rewrite.Options, skip bool) (*rewrite.Result, error) {
	if skip {
		return &rewrite.Result{Output: src}, nil
	}
	return rewrite.Fix(name, src, opts)
}

func (s *settings) fixAll(args []string) int {
	if s.write && (len(args) == 0 || contains(args, "-")) {
		fmt.Fprintln(s.stderr, "dockerharden: -w cannot write to standard input")
		return exitError
	}
	return s.each(args, s.fixOne, func(r *result) {
		s.stdout.Write(r.stdout.Bytes())
		s.stderr.Write(r.stderr.Bytes())
	})
}

func (s *settings) fixOne(in input, r *result) {
	name, src, opts, skip, err := s.load(in)
	if err != nil {
		r.fail("%v", err)
		return
	}
	res, err := harden(name, src, opts, skip)
	if err != nil {
		r.fail("%v", err)
		return
	}
	if !s.quiet {
		for _, w := range res.Warnings() {
			fmt.Fprintf(&r.stderr, "dockerharden: %s:%d: warning: %s (%s)\n", name, w.Line, w.Message, w.Rule.ID)
		}
	}
	if !s.write && !s.diff && !s.list {
		r.stdout.Write(res.Output)
		return
	}
	if !res.Changed {
		return
	}
	if s.write {
		err := checkLinks(in.path, s.outside)
		if err == nil {
			err = writeFile(in.path, src, res.Output)
		}
		if err != nil {
			r.fail("%s: %v", name, err)
			return // a refused write is not listed as changed
		}
	}
	if s.list {
		fmt.Fprintln(&r.stdout, name)
	}
	if s.diff {
		r.stdout.Write(dockerfile.Diff(name, src, res.Output))
	}
	if !s.write {
		r.code = max(r.code, exitChanges)
	}
}
