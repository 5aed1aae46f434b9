// Package templates holds the user-creation commands for each base-image
// family, one text/template per family.
package templates

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

// Data is what a template may use.
type Data struct {
	UID, GID    int
	User, Group string
	Home        string // the user's home directory, created and owned
}

// Commands renders a template into shell commands, one per element: a
// family's ("debian", "alpine", "rhel"), or "passwd" for images without
// user tools. A name without a template is an error.
func Commands(family string, d Data) ([]string, error) {
	// Parsed on use, one family at a time: start-up time matters to editors.
	t, err := template.ParseFS(files, family+".tmpl")
	if err != nil {
		return nil, fmt.Errorf("no user-creation template for family %q", family)
	}
	var b strings.Builder
	if err := t.Execute(&b, d); err != nil {
		return nil, err
	}
	var cmds []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			cmds = append(cmds, l)
		}
	}
	return cmds, nil
}
