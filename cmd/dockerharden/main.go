// Command dockerharden rewrites Dockerfiles so that their final stage runs
// as a fixed-UID non-root user. All decisions live in package rewrite; this
// command parses flags, walks files and writes output.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/dockerharden/dockerharden/images"
	"github.com/dockerharden/dockerharden/rewrite"
	"github.com/urfave/cli/v3"
)

// Exit codes: 0 ok, 1 something would change (-d/-l) or a finding at or
// above --fail-on (check), 2 any error.
const (
	exitOK      = 0
	exitChanges = 1
	exitError   = 2
)

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a command line that cannot be run: an unknown command or
// flag, a missing flag value. It is reported in one line on stderr, with
// nothing on stdout, so that scripts see a clean failure.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// run is main without the process: tests call it with their own streams.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := exitOK
	commands := []*cli.Command{fixCommand(&code), checkCommand(&code), runtimeCommand(&code), lspCommand(&code)}
	for _, c := range commands {
		c.HideHelpCommand = true // "fix help" would otherwise be a command, not a path
		c.OnUsageError = onUsageError
		c.CustomHelpTemplate = commandHelpTemplate
	}
	args, err := arrange(args, commands)
	if err != nil {
		fmt.Fprintf(stderr, "dockerharden: %v\n", err)
		return exitError
	}
	// Reading the build info costs more than parsing a small Dockerfile;
	// only --version and the top-level help show it (SARIF asks itself).
	ver := ""
	if len(args) < 2 || strings.HasPrefix(args[1], "-") {
		ver = versionString()
	} else {
		// urfave/cli sets up every command it is given (help flag, flag
		// categories, a check for duplicate flag names) before it runs
		// one; arrange has already picked the one this run needs.
		for _, c := range commands {
			if c.Name == args[1] {
				commands = []*cli.Command{c}
				break
			}
		}
	}
	app := &cli.Command{
		Name:            "dockerharden",
		Usage:           "make Dockerfiles run as a fixed-UID non-root user",
		Version:         ver,
		Reader:          stdin,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true, // arrange turns "help CMD" into "CMD --help"
		OnUsageError:    onUsageError,
		// main decides the exit code, not urfave/cli.
		ExitErrHandler:                func(context.Context, *cli.Command, error) {},
		CustomRootCommandHelpTemplate: rootHelpTemplate,
		Commands:                      commands,
	}
	if err := app.Run(context.Background(), args); err != nil {
		fmt.Fprintf(stderr, "dockerharden: %v\n", err)
		return exitError
	}
	return code
}

// onUsageError replaces urfave/cli's "Incorrect Usage" plus the whole help
// text on stdout with one line for stderr.
func onUsageError(_ context.Context, c *cli.Command, err error, isSubcommand bool) error {
	where, help := "", "dockerharden --help"
	if isSubcommand {
		where, help = " for "+c.Name, "dockerharden "+c.Name+" --help"
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return unknownFlag(f, where, help)
	}
	return &usageError{fmt.Sprintf("%s (see %s)", msg, help)}
}

// unknownFlag names a flag that no command defines as --name, or -n for a
// one-byte name, whichever way it was typed.
func unknownFlag(name, where, help string) error {
	f := "-" + name
	if len(name) > 1 {
		f = "-" + f
	}
	return &usageError{fmt.Sprintf("unknown flag %s%s (see %s)", f, where, help)}
}

// globalFlags are the top level's flags, for checkFlag: urfave/cli adds them.
var globalFlags = map[string]bool{"help": false, "h": false, "version": false, "v": false}

// checkFlag vets one flag argument (not "-" or "--") the way the flag
// package did for urfave/cli v2, in its words: v3 takes an argument that
// does not start with a letter, such as "-5", for a path, and every
// argument after it too, and reads "--write=" as --write. takesValue maps
// each name of the command's flags to whether it takes a value; cmd is ""
// at the top level. It reports whether the flag's value is the next
// argument.
func checkFlag(a string, takesValue map[string]bool, cmd string) (next bool, err error) {
	where, help := "", "dockerharden --help"
	if cmd != "" {
		where, help = " for "+cmd, "dockerharden "+cmd+" --help"
	}
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if name == "" || name[0] == '-' || name[0] == '=' {
		return false, &usageError{fmt.Sprintf("bad flag syntax: %s (see %s)", a, help)}
	}
	name, value, hasValue := strings.Cut(name, "=")
	takes, known := takesValue[name]
	if !known {
		return false, unknownFlag(name, where, help)
	}
	if !takes && hasValue {
		if _, err := strconv.ParseBool(value); err != nil {
			return false, &usageError{fmt.Sprintf("invalid boolean value %q for -%s: parse error (see %s)", value, name, help)}
		}
	}
	return takes && !hasValue, nil
}

// arrange rewrites the command line so that urfave/cli sees every flag
// and no path as one: people type "fix Dockerfile -w", and urfave/cli v3
// reads flags among paths but stops at an argument such as "-5" and takes
// a path such as "-x" for a flag. Flags given anywhere before a "--" move
// in front of the paths (a flag's value moves with it), and the paths
// follow a "--". "-" alone is standard input, a path.
// It also resolves "help [CMD]", rejects unknown commands and vets every
// flag with checkFlag.
func arrange(args []string, commands []*cli.Command) ([]string, error) {
	if len(args) == 0 {
		return args, nil
	}
	head := args[:1:1]
	i := 1
	for ; i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--"; i++ {
		if _, err := checkFlag(args[i], globalFlags, ""); err != nil {
			return nil, err // --help and --version are urfave/cli's
		}
		// urfave/cli v3 prints the version for --version=false: it asks
		// whether the flag was given, not what it says. false is the
		// default of both global flags, so such a flag can go.
		if _, v, ok := strings.Cut(args[i], "="); ok {
			if b, _ := strconv.ParseBool(v); !b {
				continue
			}
		}
		head = append(head, args[i])
	}
	if len(head) < i {
		args, i = append(head, args[i:]...), len(head)
	}
	if i >= len(args) || args[i] == "--" {
		return args, nil
	}
	find := func(name string) *cli.Command {
		for _, c := range commands {
			if c.HasName(name) {
				return c
			}
		}
		return nil
	}
	unknown := func(name string) error {
		return &usageError{fmt.Sprintf("unknown command %q (see dockerharden --help)", name)}
	}
	name := args[i]
	if name == "help" {
		rest := args[i+1:]
		if len(rest) == 0 {
			return []string{args[0], "--help"}, nil
		}
		if find(rest[0]) == nil {
			return nil, unknown(rest[0])
		}
		return []string{args[0], rest[0], "--help"}, nil
	}
	cmd := find(name)
	if cmd == nil {
		return nil, unknown(name)
	}
	takesValue := map[string]bool{"help": false, "h": false} // urfave/cli adds --help
	for _, f := range cmd.Flags {
		tv, ok := f.(interface{ TakesValue() bool })
		for _, n := range f.Names() {
			takesValue[n] = ok && tv.TakesValue()
		}
	}
	out := append([]string(nil), args[:i+1]...)
	var paths []string
	rest := args[i+1:]
	for j := 0; j < len(rest); j++ {
		a := rest[j]
		switch {
		case a == "--":
			paths = append(paths, rest[j+1:]...)
			j = len(rest)
		case a == "-h" || a == "--help" || a == "-help":
			return []string{args[0], name, "--help"}, nil // urfave/cli would take a path for a help topic
		case strings.HasPrefix(a, "-") && a != "-":
			next, err := checkFlag(a, takesValue, name)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
			if next {
				if j+1 == len(rest) {
					return nil, &usageError{fmt.Sprintf("flag needs an argument: %s (see dockerharden %s --help)", a, name)}
				}
				j++
				out = append(out, rest[j])
			}
		default:
			paths = append(paths, a)
		}
	}
	if len(paths) > 0 {
		out = append(out, "--")
		out = append(out, paths...)
	}
	return out, nil
}

// commonFlags are shared by fix and check.
func commonFlags() []cli.Flag {
	def := rewrite.DefaultOptions()
	return []cli.Flag{
		intF(&cli.IntFlag{Name: "uid", Value: def.UID, Usage: "`UID` of the user to create"}),
		intF(&cli.IntFlag{Name: "gid", Value: def.GID, Usage: "`GID` of the group to create"}),
		stringF(&cli.StringFlag{Name: "user", Value: def.User, Usage: "`NAME` of the user to create"}),
		stringF(&cli.StringFlag{Name: "group", Value: def.Group, Usage: "`NAME` of the group to create"}),
		stringF(&cli.StringFlag{Name: "target", Usage: "harden `STAGE` instead of the last stage"}),
		boolF(&cli.BoolFlag{Name: "swap-base", Usage: "replace a base that needs root by its unprivileged variant (nginx: nginxinc/nginx-unprivileged, port 8080)"}),
		stringF(&cli.StringFlag{Name: "platform", Usage: "where the image runs: `PLATFORM` kubernetes (default, also Docker) or openshift (group-0 ownership, chmod g=u)"}),
		stringF(&cli.StringFlag{Name: "chown", Value: def.Chown, Usage: "which COPY/ADD get --chown: `POLICY` app (into the app's directories), all, or none"}),
		stringF(&cli.StringFlag{Name: "family", Usage: "base image `FAMILY` (" + images.FamilyNames() + ") instead of detecting it"}),
		stringF(&cli.StringFlag{Name: "context", Usage: "build context `DIR` whose start scripts are read (default: the Dockerfile's directory, then its parents up to the repository root)"}),
		stringF(&cli.StringFlag{Name: "filename", Usage: "`PATH` of standard input: used in messages and to find .dockerharden.yaml"}),
		intF(&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "files processed in `N` parallel workers"}),
		boolF(&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no warnings or notes on stderr"}),
	}
}

func fixCommand(code *int) *cli.Command {
	return &cli.Command{
		Name:      "fix",
		Usage:     "harden Dockerfiles (print, write with -w, diff with -d, list with -l)",
		ArgsUsage: "[PATH ...]  (none or - reads standard input; flags may follow paths; -- ends flags)",
		Flags: append([]cli.Flag{
			boolF(&cli.BoolFlag{Name: "write", Aliases: []string{"w"}, Usage: "rewrite files in place (atomically, keeping their mode)"}),
			boolF(&cli.BoolFlag{Name: "diff", Aliases: []string{"d"}, Usage: "print a unified diff (git apply / patch -p1)"}),
			boolF(&cli.BoolFlag{Name: "list", Aliases: []string{"l"}, Usage: "print the names of files that would change"}),
			boolF(&cli.BoolFlag{Name: "write-outside", Usage: "with -w, also write through a symlink whose target is outside the working directory"}),
		}, commonFlags()...),
		Action: func(_ context.Context, c *cli.Command) error {
			s, err := newSettings(c)
			if err != nil {
				return err
			}
			*code = s.fixAll(c.Args().Slice())
			return nil
		},
	}
}
