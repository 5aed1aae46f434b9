// Command e2e-app is the application of the e2e "port-80" case: it prints the real UID of its
// own process, listens on port 80, connects to itself once and prints the marker E2E-OK.
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e-app:", err)
		os.Exit(1)
	}
}

func run() error {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(strings.NewReader(string(status)))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) > 1 && f[0] == "Uid:" {
			fmt.Printf("E2E-UID=%s\n", f[1])
		}
	}
	ln, err := net.Listen("tcp", "0.0.0.0:80")
	if err != nil {
		return err
	}
	defer ln.Close()
	go func() {
		if c, err := ln.Accept(); err == nil {
			io.WriteString(c, "hello from port 80\n")
			c.Close()
		}
	}()
	c, err := net.Dial("tcp", "127.0.0.1:80")
	if err != nil {
		return err
	}
	defer c.Close()
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return err
	}
	if line != "hello from port 80\n" {
		return fmt.Errorf("got %q", line)
	}
	fmt.Println("E2E-LISTEN=80")
	fmt.Println("E2E-OK")
	return nil
}
