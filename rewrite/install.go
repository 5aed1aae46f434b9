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

// daemonPackages are packages whose daemon needs root; installing one in
// the final stage says the image runs it, whatever starts it.
var daemonPackages = map[string]string{
	"openssh-server": "sshd", "openssh-server-pam": "sshd", "supervisor": "supervisord",
	"samba": "smbd", "samba-dc": "smbd", "cron": "cron", "cronie": "crond", "dcron": "crond",
	"systemd-sysv": "systemd", "postfix": "postfix", "dovecot": "dovecot", "bind9": "named",
	"dnsmasq": "dnsmasq", "squid": "squid", "vsftpd": "vsftpd", "openvpn": "openvpn", "rsyslog": "rsyslogd",
}

// installedDaemon finds a daemonPackages package that cmd installs; "" if
// it installs none.
func installedDaemon(cmd []string) string {
	if !needsRoot(cmd) || len(cmd) < 2 {
		return ""
	}
	switch dockerfile.Prog(cmd) {
	case "useradd", "groupadd", "adduser", "addgroup", "usermod", "groupmod", "userdel", "groupdel":
		return ""
	}
	for _, a := range cmd[1:] {
		if _, ok := daemonPackages[a]; ok {
			return a
		}
	}
	return ""
}
