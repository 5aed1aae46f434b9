// Package rewrite decides how to harden a Dockerfile so that its final stage
// runs as a fixed-UID non-root user, and makes the change with as few bytes
// as possible.
//
// Data flows one way:
//
//	dockerfile.Parse ─► Decide ─► Decision ─► findings + edits ─► Apply ─► verify
//
// Decide computes the Decision once (target stage, base image facts, act or
// decline and why, the account, the writable paths); every rule then reads
// it, and the rules that fix something attach byte-range edits to their
// findings. The contract every caller relies on:
//   - the output is never re-printed from the AST: every change is an Edit of
//     the original text, collected, checked for overlaps and applied in one
//     pass, so bytes the tool does not mean to change stay identical;
//   - Fix verifies its output before returning it: the result parses and a
//     second Fix of it changes nothing. Otherwise it returns an error.
//
// Rules are values in Rules; a finding points at its rule.
package rewrite
