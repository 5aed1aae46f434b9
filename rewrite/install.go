package rewrite

import "github.com/dockerharden/dockerharden/dockerfile"

// needsRoot reports whether a simple command only works as root: a package
// install, or account management.
func needsRoot(cmd []string) bool {
	switch dockerfile.Prog(cmd) {
	case "apt-get", "apt", "aptitude":
		return dockerfile.HasWord(cmd, "install", "upgrade", "dist-upgrade", "remove", "purge", "update")
	case "apk":
		return dockerfile.HasWord(cmd, "add", "upgrade", "del", "update")
	case "dnf", "yum", "microdnf", "tdnf", "zypper":
		return dockerfile.HasWord(cmd, "install", "in", "upgrade", "update", "remove", "erase", "makecache")
	case "dpkg":
		return dockerfile.HasWord(cmd, "-i", "--install")
	case "rpm":
		return dockerfile.HasWord(cmd, "-i", "-U", "-ivh", "-Uvh", "--install", "--upgrade")
	case "useradd", "groupadd", "adduser", "addgroup", "usermod", "groupmod", "userdel", "groupdel":
		return true
	}
	return false
}

// installs reports whether a RUN script runs a command that needs root.
func installs(cmds [][]string) bool {
	for _, c := range cmds {
		if needsRoot(c) {
			return true
		}
	}
	return false
}
