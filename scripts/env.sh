# Sourced by the project's scripts: puts a Node.js 22+ first on PATH and defines `yarn`.
# When the system's Node is older, Node 22 is taken from the npm registry's `node-linux-<arch>`
# package (it ships the real binary and headers) into .tools/, once.
SD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SD_ROOT

sd_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(sd_node_major)" -lt 22 ]; then
  sd_node_dir="$SD_ROOT/.tools/node"
  if [ ! -x "$sd_node_dir/bin/node" ]; then
    case "$(uname -m)" in
      x86_64) sd_arch=x64 ;;
      aarch64 | arm64) sd_arch=arm64 ;;
      *) echo "env.sh: no Node.js package for $(uname -m)" >&2; return 1 ;;
    esac
    echo "env.sh: system Node is $(node -v 2>/dev/null || echo absent); fetching Node 22 from the npm registry" >&2
    sd_tmp="$(mktemp -d)"
    (cd "$sd_tmp" && npm pack --silent "node-linux-$sd_arch@22" >/dev/null 2>&1) || {
      echo "env.sh: npm pack node-linux-$sd_arch@22 failed" >&2; return 1; }
    mkdir -p "$SD_ROOT/.tools"
    tar xzf "$sd_tmp"/node-linux-*.tgz -C "$sd_tmp"
    rm -rf "$sd_node_dir" && mv "$sd_tmp/package" "$sd_node_dir"
    rm -rf "$sd_tmp"
  fi
  export PATH="$sd_node_dir/bin:$PATH"
  # the machine's npmrc may point nodedir at the system Node's headers: native modules must build for this one
  export npm_config_nodedir="$sd_node_dir"
fi

# Yarn 4 ships in the repository; the registry comes from npm's own setting at run time.
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  sd_registry="$(npm config get registry 2>/dev/null)"
  [ -n "$sd_registry" ] && export YARN_NPM_REGISTRY_SERVER="${sd_registry%/}"
fi
if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi
export YARN_ENABLE_TELEMETRY=0
mkdir -p "$SD_ROOT/.tools/bin"
if [ ! -x "$SD_ROOT/.tools/bin/yarn" ]; then
  printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$SD_ROOT" > "$SD_ROOT/.tools/bin/yarn"
  chmod +x "$SD_ROOT/.tools/bin/yarn"
fi
export PATH="$SD_ROOT/.tools/bin:$PATH"
