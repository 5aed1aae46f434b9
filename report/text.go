package report

import (
	"fmt"
	"io"
)

// Text writes one line per finding, like a compiler:
// FILE:LINE: ID severity: message. Files with errors are skipped here:
// the caller reports errors on stderr.
func Text(w io.Writer, files []File) error {
	for _, f := range files {
		if f.Result == nil {
			continue
		}
		for _, x := range f.Result.Findings {
			fix := ""
			if x.Fixable {
				fix = " [fixable]"
			}
			if _, err := fmt.Fprintf(w, "%s:%d: %s %s: %s%s\n", f.Path, x.Line, x.Rule.ID, x.Severity(), x.Message, fix); err != nil {
				return err
			}
		}
	}
	return nil
}
