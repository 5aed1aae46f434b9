package main

import "github.com/urfave/cli/v2"

// urfave/cli v2 recomputes a flag's names with a regular expression
// (FlagNames) every time it looks a flag up, and it looks every flag up
// for every flag on every run (runFlagActions → Context.IsSet): about 500
// regexp calls, 13% of the instructions of a whole `fix` on a typical file.
// These wrappers answer Names() from a slice computed once; everything else
// is the embedded flag's. (Pointers: urfave/cli compares flags with ==.)

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

func (f *boolFlag) Names() []string { return f.names }

type intFlag struct {
	*cli.IntFlag
	names []string
}

func (f *intFlag) Names() []string { return f.names }

type stringFlag struct {
	*cli.StringFlag
	names []string
}

func (f *stringFlag) Names() []string { return f.names }

func boolF(f *cli.BoolFlag) cli.Flag {
	return &boolFlag{f, append([]string{f.Name}, f.Aliases...)}
}

func intF(f *cli.IntFlag) cli.Flag {
	return &intFlag{f, append([]string{f.Name}, f.Aliases...)}
}

func stringF(f *cli.StringFlag) cli.Flag {
	return &stringFlag{f, append([]string{f.Name}, f.Aliases...)}
}

func init() {
	// urfave/cli adds these to every command and app; same treatment.
	if f, ok := cli.HelpFlag.(*cli.BoolFlag); ok {
		cli.HelpFlag = boolF(f)
	}
	if f, ok := cli.VersionFlag.(*cli.BoolFlag); ok {
		cli.VersionFlag = boolF(f)
	}
}
