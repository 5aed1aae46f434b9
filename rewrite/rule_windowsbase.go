package rewrite

import "github.com/dockerharden/dockerharden/images"

// declineWindows declines Windows bases (DH011): --chown is unsupported
// there and accounts work differently (nanoserver images ship
// ContainerUser). Switching the rule off does not make fix act.
func (d *Decision) declineWindows() bool {
	if d.Base.Family != images.Windows {
		return false
	}
	d.reason(WindowsBase, d.Target.Root().From, false, WindowsBase.message(d.Base.Ref))
	return true
}
