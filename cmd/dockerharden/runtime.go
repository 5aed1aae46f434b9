package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/dockerharden/dockerharden/profile"
	"github.com/urfave/cli/v3"
)

// runtimeCommand prints how to run the image that a Dockerfile builds once
// hardened; the decisions live in package profile.
func runtimeCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:      "runtime",
		Usage:     "print how to run the hardened image safely (docker run, compose, Kubernetes, json)",
		ArgsUsage: "PATH  (- or none reads standard input; flags go before the path)",
		Flags: append([]cli.Flag{
			stringF(&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "docker", Usage: "output `FORMAT`: " + strings.Join(profile.Formats, ", ")}),
			stringF(&cli.StringFlag{Name: "image", Usage: "image `NAME` to run (default: the placeholder IMAGE)"}),
			stringF(&cli.StringFlag{Name: "name", Usage: "container, service and Deployment `NAME` (default: app)"}),
		}, commonFlags()...),
		Action: func(_ context.Context, c *cli.Command) error {
			opts := profile.Options{Format: c.String("format"), Image: c.String("image"), Name: c.String("name"), Platform: c.String("platform")} // shared with fix: "" is kubernetes
			if err := opts.Validate(); err != nil {
				return err
			}
			if c.NArg() > 1 {
				return fmt.Errorf("runtime takes one Dockerfile, got %d", c.NArg())
			}
			s, err := newSettings(c)
			if err != nil {
				return err
			}
			in := input{path: c.Args().First()}
			if in.path == "" || in.path == "-" {
				in = input{stdin: true}
			}
			*code = s.runtimeOne(in, opts)
			return nil
		},
	}
}

func (s *settings) runtimeOne(in input, opts profile.Options) int {
	name, src, fixOpts, skip, err := s.load(in)
	if err != nil {
		fmt.Fprintf(s.stderr, "dockerharden: %v\n", err)
		return exitError
	}
	res, err := harden(name, src, fixOpts, skip)
	if err == nil {
		var p *profile.Profile
		if p, err = profile.For(res); err == nil {
			opts.File = name
			var out bytes.Buffer
			if err = profile.Render(&out, p, opts); err == nil {
				s.stdout.Write(out.Bytes())
				return exitOK
			}
		}
	}
	fmt.Fprintf(s.stderr, "dockerharden: %v\n", err)
	return exitError
}
