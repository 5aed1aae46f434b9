// Command parse is the reference for bench/bench.sh: it parses one
// Dockerfile with buildkit's parser and exits, printing nothing. Its
// whole-process time is the floor `dockerharden fix` is compared with.
//
//	go build -o parse ./bench/parse && ./parse Dockerfile
package main

import (
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parse FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
	defer f.Close()
	if _, err := parser.Parse(f); err != nil {
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
}
