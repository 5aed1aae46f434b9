package main

import (
	"errors"
	"strconv"

	"github.com/urfave/cli/v3"
)

// urfave/cli v3 rebuilds a flag's names (FlagNames: two slices and a scan
// per name) every time it looks a flag up, and a lookup asks every flag
// of the command in turn: each Bool, String, IsSet and Value call in
// newSettings walks the whole list, about 0.45 M instructions of a `fix`
// on a small file. These wrappers answer Names() from a slice computed
// once; everything else is the embedded flag's. (Pointers: urfave/cli
// compares flags with ==.)

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

// Set words a bad number as the flag package did under urfave/cli v2,
// "parse error" or "value out of range", rather than v3's whole strconv
// message ("strconv.ParseInt: parsing "abc": invalid syntax").
func (f *intFlag) Set(name, value string) error {
	err := f.IntFlag.Set(name, value)
	if ne := (*strconv.NumError)(nil); errors.As(err, &ne) {
		if errors.Is(ne.Err, strconv.ErrRange) {
			return errors.New("value out of range")
		}
		return errors.New("parse error")
	}
	return err
}

type stringFlag struct {
	*cli.StringFlag
	names []string
}

func (f *stringFlag) Names() []string { return f.names }

func boolF(f *cli.BoolFlag) cli.Flag {
	if f.DefaultText == "" {
		f.DefaultText = strconv.FormatBool(f.Value) // v3 leaves out v2's "(default: false)"
	}
	return &boolFlag{f, append([]string{f.Name}, f.Aliases...)}
}

func intF(f *cli.IntFlag) cli.Flag {
	return &intFlag{f, append([]string{f.Name}, f.Aliases...)}
}

func stringF(f *cli.StringFlag) cli.Flag {
	return &stringFlag{f, append([]string{f.Name}, f.Aliases...)}
}
