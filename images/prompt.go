package images

// promptRepos are images whose default command is a shell or an
// interpreter's prompt (python3, node, irb, jshell, bash): a stage built on
// one that sets no command of its own is a base or toolchain image too.
var promptRepos = []string{
	"debian", "ubuntu", "alpine", "busybox", "fedora", "centos", "rockylinux", "almalinux",
	"oraclelinux", "amazonlinux", "redhat/ubi*", "registry.access.redhat.com/**",
	"python", "node", "ruby", "golang", "rust", "perl", "openjdk", "eclipse-temurin",
	"amazoncorretto", "maven", "gradle", "elixir", "erlang", "buildpack-deps", "haskell",
	"julia", "swift", "dart", "clojure", "r-base", "groovy", "mcr.microsoft.com/dotnet/sdk",
	"mcr.microsoft.com/devcontainers/**", "mcr.microsoft.com/vscode/devcontainers/**",
	"mcr.microsoft.com/azurelinux/**", "mcr.microsoft.com/cbl-mariner/**", "photon",
}

// PromptByDefault reports whether img's own default command is a prompt.
// php's cli images run php -a; its fpm and apache variants run servers.
func PromptByDefault(img Image) bool {
	if img.Repo == "" {
		return false
	}
	if repoMatch("php", img.Repo) {
		return !tagMatch("*fpm*|*apache*|*zts*", img.Tag)
	}
	for _, p := range promptRepos {
		if repoMatch(p, img.Repo) {
			return true
		}
	}
	return false
}
