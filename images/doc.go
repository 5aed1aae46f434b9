// Package images is dockerharden's knowledge of base images: one table of
// entries (family, variant, default user, shipped users, tools to install,
// root-by-design) with their sources, and one lookup. Extend it by adding
// an entry; TestEveryEntryReachable keeps every entry in use.
package images
