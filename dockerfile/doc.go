// Package dockerfile is the syntax layer: a parsed Dockerfile that keeps its
// original bytes (lines, columns, EOL, BOM, escape character, keyword case),
// its stages, the shell text of its RUNs, and byte-range edits applied in
// one pass. It knows nothing about images or hardening.
package dockerfile
