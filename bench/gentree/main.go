// Command gentree writes a benchmark tree of generated Dockerfiles.
//
//	go run ./bench/gentree -n 10000 -seed 1 DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/dockerharden/dockerharden/internal/dfgen"
)

func main() {
	n := flag.Int("n", 10000, "number of Dockerfiles to write")
	seed := flag.Int64("seed", 1, "random seed (same seed gives the same tree)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gentree [-n N] [-seed S] DIR\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	paths, err := dfgen.Tree(flag.Arg(0), *n, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gentree:", err)
		os.Exit(1)
	}
	elapsed := time.Since(start)
	var total int64
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gentree:", err)
			os.Exit(1)
		}
		total += fi.Size()
	}
	fmt.Printf("%d files, %d bytes (%.1f MiB) in %s\n", len(paths), total, float64(total)/(1<<20), elapsed.Round(time.Millisecond))
}
