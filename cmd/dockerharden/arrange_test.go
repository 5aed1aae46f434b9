package main

import (
	"slices"
	"testing"

	"github.com/urfave/cli/v3"
)

func TestArrange(t *testing.T) {
	code := 0
	cmds := []*cli.Command{fixCommand(&code), checkCommand(&code)}
	for _, tc := range []struct {
		in, want []string
		err      string
	}{
		{[]string{"fix", "Dockerfile", "-w"}, []string{"fix", "-w", "--", "Dockerfile"}, ""},
		{[]string{"fix", "a", "--uid", "2000", "b", "--gid=3000"}, []string{"fix", "--uid", "2000", "--gid=3000", "--", "a", "b"}, ""},
		{[]string{"check", "x", "-f", "json", "-j", "1"}, []string{"check", "-f", "json", "-j", "1", "--", "x"}, ""},
		{[]string{"fix", "--filename", "-", "-"}, []string{"fix", "--filename", "-", "--", "-"}, ""},
		{[]string{"fix", "--jobs", "-1", "a"}, []string{"fix", "--jobs", "-1", "--", "a"}, ""},
		{[]string{"fix", "-l", "--", "-w", "--uid"}, []string{"fix", "-l", "--", "-w", "--uid"}, ""},
		{[]string{"fix"}, []string{"fix"}, ""},
		{[]string{"fix", "-d"}, []string{"fix", "-d"}, ""},
		{[]string{"fix", "a", "-h"}, []string{"fix", "--help"}, ""},
		{[]string{"help", "check"}, []string{"check", "--help"}, ""},
		{[]string{"help"}, []string{"--help"}, ""},
		{[]string{"--version"}, []string{"--version"}, ""},
		{[]string{}, []string{}, ""},
		{[]string{"bogus", "x"}, nil, `unknown command "bogus" (see dockerharden --help)`},
		{[]string{"help", "bogus"}, nil, `unknown command "bogus" (see dockerharden --help)`},
		{[]string{"fix", "a", "--target"}, nil, "flag needs an argument: --target (see dockerharden fix --help)"},
		{[]string{"fix", "a", "-5", "-w"}, nil, "unknown flag -5 for fix (see dockerharden fix --help)"},
		{[]string{"fix", "--bogus=1", "a"}, nil, "unknown flag --bogus for fix (see dockerharden fix --help)"},
		{[]string{"fix", "--write=", "a"}, nil, `invalid boolean value "" for -write: parse error (see dockerharden fix --help)`},
		{[]string{"fix", "---uid", "5"}, nil, "bad flag syntax: ---uid (see dockerharden fix --help)"},
		{[]string{"fix", "--write=false", "--help=false", "a"}, []string{"fix", "--write=false", "--help=false", "--", "a"}, ""},
		{[]string{"--bogus"}, nil, "unknown flag --bogus (see dockerharden --help)"},
		{[]string{"--version=false"}, []string{}, ""},
		{[]string{"-v=0", "fix", "a"}, []string{"fix", "--", "a"}, ""},
	} {
		got, err := arrange(append([]string{"dockerharden"}, tc.in...), cmds)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: err %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got[1:], tc.want) {
			t.Errorf("%q: got %q, %v; want %q", tc.in, got[1:], err, tc.want)
		}
	}
}
