package dockerfile

import (
	"fmt"
	"strings"
	"testing"
)

func TestExpandArgs(t *testing.T) {
	meta := map[string]string{"A": "debian", "T": "12", "E": ""}
	for in, want := range map[string]string{
		"$A:$T":          "debian:12",
		"${A}:${T}-slim": "debian:12-slim",
		"${X:-alpine}":   "alpine",
		"${E:-alpine}":   "alpine",
		"$X":             "$X",
		"${E}":           "${E}",
		"repo/${A}":      "repo/debian",
		"${unterminated": "${unterminated",
		"plain:tag":      "plain:tag",
		"$":              "$",
	} {
		if got := Expand(in, meta); got != want {
			t.Errorf("Expand(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApply(t *testing.T) {
	src := []byte("abcdef")
	for _, tc := range []struct {
		edits []Edit
		want  string
		err   bool
	}{
		{nil, "abcdef", false},
		{[]Edit{{2, 2, "X"}, {2, 2, "Y"}}, "abXYcdef", false},
		{[]Edit{{2, 4, "-"}, {2, 2, "I"}}, "abI-ef", false},
		{[]Edit{{4, 4, "!"}, {0, 1, "A"}}, "Abcd!ef", false},
		{[]Edit{{1, 3, "x"}, {2, 4, "y"}}, "", true},
		{[]Edit{{1, 3, "x"}, {2, 2, "y"}}, "", true},
		{[]Edit{{6, 6, "\n"}}, "abcdef\n", false},
		{[]Edit{{5, 9, ""}}, "", true},
	} {
		got, err := Apply(src, tc.edits)
		if (err != nil) != tc.err || err == nil && string(got) != tc.want {
			t.Errorf("Apply(%v) = %q, %v; want %q (error %v)", tc.edits, got, err, tc.want, tc.err)
		}
	}
	if string(src) != "abcdef" {
		t.Error("Apply modified its input")
	}
}

func TestParseDocument(t *testing.T) {
	d, err := Parse("x", []byte("\xef\xbb\xbf# escape=`\r\nfrom alpine\r\nrun echo `\r\n  hi\r\nCOPY a b"))
	if err != nil {
		t.Fatal(err)
	}
	if !d.BOM || d.EOL != "\r\n" || d.Escape != '`' || !d.Lower || d.Lines() != 5 {
		t.Errorf("BOM %v EOL %q escape %q lower %v lines %d", d.BOM, d.EOL, d.Escape, d.Lower, d.Lines())
	}
	if kw := d.Keyword(d.AST.Children[1]); kw != "run" {
		t.Errorf("keyword %q", kw)
	}
	if n := d.AST.Children[1]; n.StartLine != 3 || n.EndLine != 4 {
		t.Errorf("RUN spans %d-%d", n.StartLine, n.EndLine)
	}
}

func TestSimpleCommands(t *testing.T) {
	got := Commands(`set -eux; DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" && sudo useradd -u 5 'a b' | tee x`)
	want := [][]string{{"set", "-eux"}, {"apt-get", "install", "-y", "curl"}, {"useradd", "-u", "5", "a b"}, {"tee", "x"}}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("command %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// An escaped quote inside double quotes does not end the string: the
// commands after it are still seen (a start script's sed -i). An
// assignment alone is an empty command.
func TestCommandsEscapedQuote(t *testing.T) {
	got := Commands("m=\"${m//\\\"/}\"; echo \"a \\$b\"\nsed -i \"s/x/y/\" /conf/app.conf\n")
	want := [][]string{{}, {"echo", "a $b"}, {"sed", "-i", "s/x/y/", "/conf/app.conf"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestEnvPairs(t *testing.T) {
	for src, want := range map[string]string{
		"FROM x\nENV A=1 B=2\n":        "A=1;B=2;",
		"FROM x\nENV A 1 2\n":          "A=1 2;",
		"FROM x\nENV A=\"x y\" B=''\n": "A=x y;B=;",
	} {
		d, err := Parse("x", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, p := range EnvPairs(d.AST.Children[1]) {
			got += p[0] + "=" + p[1] + ";"
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", src, got, want)
		}
	}
}
