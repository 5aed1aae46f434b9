package main

import (
	"context"

	"github.com/dockerharden/dockerharden/lsp"
	"github.com/urfave/cli/v3"
)

// lspCommand runs the language server on stdin/stdout (package lsp).
func lspCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:  "lsp",
		Usage: "run the language server on stdio: diagnostics, quick fixes, format on save",
		Flags: []cli.Flag{
			boolF(&cli.BoolFlag{Name: "stdio", Usage: "use standard input and output (the default and only transport; accepted because editors pass it)"}),
		},
		Action: func(_ context.Context, c *cli.Command) error {
			*code = lsp.Serve(c.Root().Reader, c.Root().Writer, lsp.Options{Version: versionString(), Log: c.Root().ErrWriter})
			return nil
		},
	}
}
