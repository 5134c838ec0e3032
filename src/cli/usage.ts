import packageJson from '../../package.json' with { type: 'json' }

/** The version the CLI was built from: package.json's, bundled into dist/cli at build time. */
export const VERSION: string = packageJson.version

const OPTIONS_USAGE = `  -p, --platforms LIST        required platforms, e.g. linux/amd64,linux/arm64
      --fail-on-missing       exit 1 when a required platform is missing
      --fail-on missing|violation|never
                              when to exit 1 (default: missing with --fail-on-missing)
      --policy FILE           judge each image by the rules of a policy file (YAML)
      --registry HOST         registry the username/password are for (default Docker Hub)
  -u, --username USER
      --password-stdin        read the password from standard input
      --insecure-registries LIST
      --source registry|docker|aliyun
      --timeout SECONDS       per request (default 30)
      --concurrency N         requests in flight per registry (default 32)
      --verify-blobs          HEAD every layer too
      --detail layers|platforms|digest
                              how much to read per image (default layers; pin: digest,
                              or platforms with -p; verify: platforms)
      --require-pins          verify: an unpinned reference fails too
      --images LIST           pin: promote every reference to these images' repositories
                              to their tags; verify: fail on drift from them
      --aliyun-region ID      with --source aliyun; the AccessKey is read from
      --aliyun-endpoint URL   ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN)
      --baseline REPORT       compare sizes with an earlier run's report file
      --trusted-root FILE     the trusted_root.json (or .jsonl) policy signed-by rules trust
      --wait SECONDS          wait up to this long for images that are not there yet
                              or lack a required platform (progress on stderr)
      --shard I/N             resolve only shard I of N (a stable slice by hash)
      --cache DIR             keep manifests in DIR between runs (verified on read)
      --json                  print the report file's JSON instead of the table
  -h, --help                  print this and exit
      --version               print the version and exit`

/** `digest-gate --help`. */
export const USAGE = `usage: digest-gate [options] IMAGE...
       digest-gate pin [options] FILE...
       digest-gate verify [options] FILE...
       digest-gate merge [--json] [-p LIST] [--fail-on-missing] REPORT...

${OPTIONS_USAGE}

IMAGE is name[:tag][@digest] (Docker Hub defaults apply) or oci-layout://PATH[:tag|@digest].
pin rewrites each image reference in the FILEs to name:tag@digest (what the tag points at
now), changing nothing else; verify changes nothing and exits 1 on a stale, vanished or
single-platform pin. FILE is a path or a glob (quote it), relative to $GITHUB_WORKSPACE if
set, else the current directory; !PATTERN excludes.
merge joins shard runs' report files (paths or globs; from --json) into one report.
Options may come before or after the subcommand; an argument starting with '-' goes after '--'.

Exit status:
  0  done: every image resolved and the gate passed (findings, if any, are printed)
  1  the gate failed, as the action would fail the step: a required platform missing with
     --fail-on-missing, a violation with --fail-on violation, an image that cannot be
     resolved, a stale pin (verify), or a registry or file that cannot be read
  2  usage: a flag, an argument or a policy file is wrong

Needs Node.js 20.17 or later (22.9 or later on Node 22).`
