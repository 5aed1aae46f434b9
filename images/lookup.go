package images

import "strings"

// Image is what dockerharden knows about one base image reference.
type Image struct {
	Ref       string // as written in FROM, ARG defaults applied
	Repo      string // normalized repository: "debian", "gcr.io/distroless/static"
	Tag       string
	Family    Family
	Variant   string
	PkgMgr    string // see Entry.PkgMgr
	NoUserAdd bool   // see Entry.NoUserAdd
	MaxID     int    // see Entry.MaxID
	Facts

	familyRow, factsRow int // the entries that matched, -1 for none
}

// Lookup classifies an image reference with Table. A reference with an
// unresolved variable, or one no entry names, is family Unknown.
func Lookup(ref string) Image {
	img := Image{Ref: ref, Family: Unknown, familyRow: -1, factsRow: -1}
	if ref == "" || strings.Contains(ref, "$") {
		return img
	}
	img.Repo, img.Tag = ParseRef(ref)
	for i := range Table {
		e := &Table[i]
		if (img.familyRow >= 0 || e.Family == "") && (img.factsRow >= 0 || e.Facts == nil) {
			continue
		}
		if !repoMatch(e.Repo, img.Repo) || !tagMatch(e.Tag, img.Tag) {
			continue
		}
		if img.familyRow < 0 && e.Family != "" {
			img.familyRow = i
			img.Family, img.Variant, img.PkgMgr, img.NoUserAdd, img.MaxID = e.Family, e.Variant, e.PkgMgr, e.NoUserAdd, e.MaxID
		}
		if img.factsRow < 0 && e.Facts != nil {
			img.factsRow = i
			img.Facts = *e.Facts
		}
		if img.familyRow >= 0 && img.factsRow >= 0 {
			break
		}
	}
	return img
}

// WithFamily is img with its family set by the user (--family, config).
// Details of the detected family (variant, installer, ID limit) no longer
// apply when the family changes.
func (img Image) WithFamily(f Family) Image {
	if f != img.Family {
		img.Family, img.Variant, img.PkgMgr, img.NoUserAdd, img.MaxID = f, "", "", false, 0
	}
	return img
}

// AppAccount is the user applications conventionally run as on this image
// (node's node, distroless's nonroot), if it ships one.
func (img Image) AppAccount() (User, bool) {
	if img.AppUser == "" {
		return User{}, false
	}
	return img.HasUser(img.AppUser)
}

// HasUser reports the account the image ships under name, if any.
func (img Image) HasUser(name string) (User, bool) {
	for _, u := range img.Users {
		if u.Name == name {
			if u.GID == 0 {
				u.GID = u.UID
			}
			return u, true
		}
	}
	return User{}, false
}
