package main

import (
	"github.com/dockerharden/dockerharden/lsp"
	"github.com/urfave/cli/v2"
)

// lspCommand runs the language server on stdin/stdout (package lsp).
func lspCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:  "lsp",
		Usage: "run the language server on stdio: diagnostics, quick fixes, format on save",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "stdio", Usage: "use standard input and output (the default and only transport; accepted because editors pass it)"},
		},
		Action: func(c *cli.Context) error {
			*code = lsp.Serve(c.App.Reader, c.App.Writer, lsp.Options{Version: versionString(), Log: c.App.ErrWriter})
			return nil
		},
	}
}
