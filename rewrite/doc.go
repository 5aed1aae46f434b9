// Package rewrite hardens Dockerfiles so that their final stage runs as a
// fixed-UID non-root user, changing as few bytes as possible.
//
// The contract every caller relies on:
//   - the input is parsed with buildkit's Dockerfile parser, but the output is
//     never re-printed from the AST: every change is a byte-range Edit of the
//     original text, collected, checked for overlaps and applied in one pass;
//   - bytes the tool does not mean to change stay identical (comments, blank
//     lines, continuations, heredocs, directives, CRLF, BOM, final newline);
//   - Fix verifies its output before returning it: the result parses and a
//     second Fix of it changes nothing. Otherwise it returns an error.
//
// Fix is the entry point; Check-style callers read Result.Findings.
package rewrite
