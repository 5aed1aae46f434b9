// Command dockerharden rewrites Dockerfiles so that their final stage runs
// as a fixed-UID non-root user. All decisions live in package rewrite; this
// command parses flags, walks files and writes output.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/urfave/cli/v2"
)

// Exit codes: 0 ok, 1 something would change (-d/-l) or a finding at or
// above --fail-on (check), 2 any error.
const (
	exitOK      = 0
	exitChanges = 1
	exitError   = 2
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := exitOK
	app := &cli.App{
		Name:                 "dockerharden",
		Usage:                "make Dockerfiles run as a fixed-UID non-root user",
		Version:              version,
		Reader:               stdin,
		Writer:               stdout,
		ErrWriter:            stderr,
		HideHelpCommand:      true,
		EnableBashCompletion: false,
		// main decides the exit code, not urfave/cli.
		ExitErrHandler: func(*cli.Context, error) {},
		Commands:       []*cli.Command{fixCommand(&code), checkCommand(&code), lspCommand(&code)},
	}
	if err := app.Run(args); err != nil {
		fmt.Fprintf(stderr, "dockerharden: %v\n", err)
		return exitError
	}
	return code
}

// commonFlags are shared by fix and check.
func commonFlags() []cli.Flag {
	def := rewrite.DefaultOptions()
	return []cli.Flag{
		&cli.IntFlag{Name: "uid", Value: def.UID, Usage: "`UID` of the user to create"},
		&cli.IntFlag{Name: "gid", Value: def.GID, Usage: "`GID` of the group to create"},
		&cli.StringFlag{Name: "user", Value: def.User, Usage: "`NAME` of the user to create"},
		&cli.StringFlag{Name: "group", Value: def.Group, Usage: "`NAME` of the group to create"},
		&cli.StringFlag{Name: "target", Usage: "harden `STAGE` instead of the last stage"},
		&cli.StringFlag{Name: "chown", Value: def.Chown, Usage: "which COPY/ADD get --chown: `POLICY` app (into the app's directories), all, or none"},
		&cli.StringFlag{Name: "family", Usage: "base image `FAMILY` (" + images.FamilyNames() + ") instead of detecting it"},
		&cli.StringFlag{Name: "context", Usage: "build context `DIR` whose start scripts are read (default: the Dockerfile's directory)"},
		&cli.StringFlag{Name: "filename", Usage: "`PATH` of standard input: used in messages and to find .dockerharden.yaml"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "files processed in `N` parallel workers"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no warnings on stderr"},
	}
}

func fixCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:      "fix",
		Usage:     "harden Dockerfiles (print, write with -w, diff with -d, list with -l)",
		ArgsUsage: "[PATH ...]  (none or - reads standard input; flags go before paths)",
		Flags: append([]cli.Flag{
			&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite files in place (atomically, keeping their mode)"},
			&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}, Usage: "print a unified diff (git apply / patch -p1)"},
			&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "print the names of files that would change"},
		}, commonFlags()...),
		Action: func(c *cli.Context) error {
			s, err := newSettings(c)
			if err != nil {
				return err
			}
			*code = s.fixAll(c.Args().Slice())
			return nil
		},
	}
}
