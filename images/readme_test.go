package images

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite TABLE.md from the table")

// TestReadmeFamilies keeps the README's family table true: a row per
// family, and every example image in a row resolves to that family.
func TestReadmeFamilies(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| ([a-z-]+) \\| (.*?) \\| .*\\|$")
	example := regexp.MustCompile("`([^`]+)`")
	rows := map[Family]bool{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		fam, err := ParseFamily(m[1])
		if err != nil {
			continue // another table
		}
		rows[fam] = true
		for _, ex := range example.FindAllStringSubmatch(m[2], -1) {
			if got := Lookup(ex[1]).Family; got != fam {
				t.Errorf("README: %s is listed under %s, the table says %s", ex[1], fam, got)
			}
		}
	}
	for _, f := range Families {
		if !rows[f] {
			t.Errorf("README's family table has no row for %s", f)
		}
	}
}

// TestTableDoc keeps TABLE.md, the readable list of every entry, generated
// from the table.
func TestTableDoc(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Known base images\n\n")
	b.WriteString("Generated from `table.go` by `go test ./images -update`; do not edit. Entries are\n")
	b.WriteString("tried in this order: an image takes its family from the first entry that matches and\n")
	b.WriteString("names one, and its users from the first that matches and lists users.\n\n")
	b.WriteString("| # | repository | tag | family | variant | default user | ships | root by design | source |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for i, e := range Table {
		var user, users, root string
		if f := e.Facts; f != nil {
			user = f.User
			var us []string
			for _, u := range f.Users {
				us = append(us, fmt.Sprintf("%s %d", u.Name, u.UID))
			}
			users = strings.Join(us, ", ")
			if f.StepDown {
				root = "yes"
			}
		}
		fmt.Fprintf(&b, "| %d | `%s` | %s | %s | %s | %s | %s | %s | %s |\n", i+1, e.Repo, code(strings.ReplaceAll(e.Tag, "|", " or ")),
			e.Family, e.Variant, user, users, root, e.Source)
	}
	const file = "TABLE.md"
	if *update {
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil || string(got) != b.String() {
		t.Errorf("%s is stale: run go test ./images -update", file)
	}
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}
