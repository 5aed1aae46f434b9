package main

// urfave/cli v3's default help says "[options]" and "[command [command
// options]]" where v2 said "[command options]" and "command [command
// options]"; these templates keep the help text dockerharden has always
// printed. The named templates they use (helpNameTemplate,
// visibleCommandTemplate, visibleFlagTemplate) are urfave/cli's.

const rootHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

USAGE:
   {{.FullName}} [global options] command [command options]{{if .Version}}{{if not .HideVersion}}

VERSION:
   {{.Version}}{{end}}{{end}}

COMMANDS:{{template "visibleCommandTemplate" .}}

GLOBAL OPTIONS:{{template "visibleFlagTemplate" .}}
`

const commandHelpTemplate = `NAME:
   {{template "helpNameTemplate" .}}

USAGE:
   {{.FullName}} [command options]{{if .ArgsUsage}} {{.ArgsUsage}}{{end}}

OPTIONS:{{template "visibleFlagTemplate" .}}
`
