package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/report"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/urfave/cli/v3"
)

var formats = []string{"text", "json", "sarif", "markdown"}

func checkCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:      "check",
		Usage:     "report findings without changing anything (text, json, sarif, markdown)",
		ArgsUsage: "[PATH ...]  (none or - reads standard input; flags may follow paths; -- ends flags)",
		Flags: append([]cli.Flag{
			stringF(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output `FORMAT`: " + strings.Join(formats, ", ")}),
			stringF(&cli.StringFlag{Name: "fail-on", Value: "error", Usage: "exit 1 when a finding of this `SEVERITY` or worse exists: error, warning, info, none"}),
		}, commonFlags()...),
		Action: func(_ context.Context, c *cli.Command) error {
			format, failOn := c.String("format"), c.String("fail-on")
			if !contains(formats, format) {
				return fmt.Errorf("--format %q: must be one of %s", format, strings.Join(formats, ", "))
			}
			threshold := rewrite.Severity(failOn).Rank()
			if threshold == 0 && failOn != "none" {
				return fmt.Errorf("--fail-on %q: must be one of error, warning, info, none", failOn)
			}
			s, err := newSettings(c)
			if err != nil {
				return err
			}
			*code = s.checkAll(c.Args().Slice(), format, threshold)
			return nil
		},
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkAll reports every file's findings in one document. Errors go to
// stderr (and into json/sarif), exit 2; otherwise exit 1 when a finding
// reaches the --fail-on threshold (0 = never).
func (s *settings) checkAll(args []string, format string, threshold int) int {
	var files []report.File
	worst := 0
	code := s.each(args, s.checkOne, func(r *result) {
		s.stderr.Write(r.stderr.Bytes())
		if r.note {
			return
		}
		files = append(files, r.file)
		if r.file.Result != nil {
			for _, f := range r.file.Result.Findings {
				worst = max(worst, f.Severity().Rank())
			}
		}
	})
	var err error
	switch format {
	case "text":
		err = report.Text(s.stdout, files)
	case "json":
		err = report.JSON(s.stdout, files)
	case "sarif":
		err = report.SARIF(s.stdout, files, versionString())
	case "markdown":
		err = report.Markdown(s.stdout, files)
	}
	if err != nil {
		fmt.Fprintf(s.stderr, "dockerharden: writing the report: %v\n", err)
		return exitError
	}
	if code == exitOK && threshold > 0 && worst >= threshold {
		code = exitChanges
	}
	return code
}

func (s *settings) checkOne(in input, r *result) {
	name, src, opts, skip, err := s.load(in)
	r.file = report.File{Path: name, Src: src}
	if err == nil {
		r.file.Result, err = harden(name, src, opts, skip)
	}
	if err != nil {
		r.fail("%v", err)
		r.file.Result, r.file.Err = nil, err
	}
}
