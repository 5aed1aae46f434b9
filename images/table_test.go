package images

import (
	"strings"
	"testing"
)

// sample makes an image reference that an entry's patterns match.
func sample(e Entry) string {
	x := func(glob string) string { return strings.NewReplacer("*", "x", "?", "x").Replace(glob) }
	var repo string
	switch {
	case e.Repo == "**":
		repo = "registry.example.com/team/img"
	case strings.HasSuffix(e.Repo, "/**"):
		repo = strings.TrimSuffix(e.Repo, "**") + "img"
	case strings.HasPrefix(e.Repo, "*/"):
		repo = "registry.example.com/" + x(e.Repo[2:])
	default:
		repo = x(e.Repo)
	}
	tag, _, _ := strings.Cut(e.Tag, "|")
	if tag == "" {
		return repo
	}
	return repo + ":" + x(tag)
}

// TestEveryEntryReachable: for each entry, an image it matches takes its
// family, its facts or both from it. An entry that no image can reach is
// hidden by an earlier one and would silently never apply.
func TestEveryEntryReachable(t *testing.T) {
	for i, e := range Table {
		if e.Family == "" && e.Facts == nil {
			t.Errorf("entry %d (%s %s) says nothing", i, e.Repo, e.Tag)
			continue
		}
		ref := sample(e)
		img := Lookup(ref)
		if e.Family != "" && img.familyRow != i {
			t.Errorf("entry %d (%s %s): %q takes its family from entry %d", i, e.Repo, e.Tag, ref, img.familyRow)
		}
		if e.Facts != nil && img.factsRow != i {
			t.Errorf("entry %d (%s %s): %q takes its users from entry %d", i, e.Repo, e.Tag, ref, img.factsRow)
		}
	}
}

// TestEntriesWellFormed checks what the lookup relies on.
func TestEntriesWellFormed(t *testing.T) {
	for i, e := range Table {
		if e.NoUserAdd && !e.Family.CanCreateUser() {
			t.Errorf("entry %d (%s): NoUserAdd needs a family with a shell", i, e.Repo)
		}
		if f := e.Facts; f != nil && f.AppUser != "" {
			found := false
			for _, u := range f.Users {
				found = found || u.Name == f.AppUser
			}
			if !found {
				t.Errorf("entry %d (%s): AppUser %q is not in Users", i, e.Repo, f.AppUser)
			}
		}
		if f := e.Facts; f != nil && f.StepDown && f.WayOut == "" {
			t.Errorf("entry %d (%s): root by design needs a way out", i, e.Repo)
		}
		if e.Facts != nil && e.Source == "" {
			t.Errorf("entry %d (%s): facts without a source", i, e.Repo)
		}
		if e.Family != "" {
			if _, err := ParseFamily(string(e.Family)); err != nil {
				t.Errorf("entry %d: %v", i, err)
			}
		}
	}
}
