// Command e2e-app is the application of the e2e "scratch" case: a static binary with no
// shell around it. It prints the real UID of its own process, reads the file copied next to
// it, writes into a directory it must own, and prints the marker E2E-OK.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e-app:", err)
		os.Exit(1)
	}
}

func run() error {
	uid, err := realUID()
	if err != nil {
		return err
	}
	fmt.Printf("E2E-UID=%s\n", uid)

	msg, err := os.ReadFile("/app/message.txt")
	if err != nil {
		return err
	}
	if got := strings.TrimSpace(string(msg)); got != "static binaries need no shell" {
		return fmt.Errorf("message.txt: got %q", got)
	}

	dir := os.Getenv("E2E_WRITE_DIR")
	if dir == "" {
		dir = "/app/state"
	}
	out := filepath.Join(dir, "written.txt")
	want := "written by uid " + uid + "\n"
	if err := os.WriteFile(out, []byte(want), 0o644); err != nil {
		return err
	}
	back, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	if string(back) != want {
		return fmt.Errorf("%s: read back %q", out, back)
	}
	fmt.Printf("E2E-WROTE=%s\n", out)
	fmt.Println("E2E-OK")
	return nil
}

// realUID returns the first (real) UID on the Uid: line of /proc/self/status.
func realUID() (string, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) >= 2 && fields[0] == "Uid:" {
			return fields[1], nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("/proc/self/status: no Uid line")
}
