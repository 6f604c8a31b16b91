# shellcheck shell=bash
# Host-side helpers shared by mkinitramfs.sh and run-scenario.sh (sourced, bash).
# Nothing here runs in the VM; the in-VM library is lib/vmtest.sh.

# vm_kernel: the kernel image to boot. VM_KERNEL overrides; otherwise the newest
# /boot/vmlinuz-* whose module tree exists (the host's running kernel is irrelevant:
# the VM boots the packaged Debian kernel, the host may run something else).
vm_kernel() {
	if [ -n "${VM_KERNEL:-}" ]; then echo "$VM_KERNEL"; return; fi
	local k best=""
	for k in /boot/vmlinuz-*; do
		[ -d "/lib/modules/${k#/boot/vmlinuz-}" ] && best=$k
	done
	[ -n "$best" ] || { echo "vmtest: no /boot/vmlinuz-* with a /lib/modules tree (install linux-image-amd64)" >&2; return 1; }
	echo "$best"
}

# vm_kver KERNEL: module directory name of a kernel image path.
vm_kver() { basename "$1" | sed 's/^vmlinuz-//'; }

# vm_directive NAME FILE: the values of every "# NAME: value" header line, one per line.
# Only the leading comment block counts, so a scenario body can mention directives freely.
vm_directive() {
	awk -v key="$1" '
		NR == 1 && /^#!/ { next }
		!/^#/ && !/^[ \t]*$/ { exit }
		{
			line = $0
			if (sub("^#[ \t]*" key ":[ \t]*", "", line)) { sub(/[ \t]+$/, "", line); print line }
		}' "$2"
}

# --- kernel modules --------------------------------------------------------------------
# Modules are resolved from modules.dep (hard deps) and modules.softdep "pre:" entries
# (e.g. crc_t10dif needs a crct10dif provider, ext4 needs crc32c); an alias in a softdep is
# resolved through modules.alias, preferring the *_generic provider (no CPU feature needed).

# _mod_relpath NAME: path of NAME.ko relative to the module dir ('-' and '_' are equivalent).
_mod_relpath() {
	local pat=${1//[-_]/[-_]}
	awk -F: -v re="(^|/)${pat}\\.ko$" '$1 ~ re { print $1; exit }' "$MODDIR/modules.dep"
}

# _mod_alias NAME: module name providing alias NAME (generic implementation preferred).
_mod_alias() {
	awk -v a="$1" '$1 == "alias" && $2 == a { print $3 }' "$MODDIR/modules.alias" |
		awk '/generic/ { print; found = 1; exit } { if (!first) first = $0 } END { if (!found && first) print first }'
}

# _mod_resolve NAME: append NAME's load order (deps first) to MOD_ORDER, once per module.
_mod_resolve() {
	local name=$1 rel dep pre mname
	rel=$(_mod_relpath "$name")
	if [ -z "$rel" ]; then
		mname=$(_mod_alias "$name")
		[ -n "$mname" ] && rel=$(_mod_relpath "$mname")
	fi
	if [ -z "$rel" ]; then
		# Built into the kernel (listed in modules.builtin) needs no file.
		grep -Eq "/${name//[-_]/[-_]}\\.ko\$" "$MODDIR/modules.builtin" 2>/dev/null && return 0
		echo "vmtest: kernel module '$name' not found in $MODDIR/modules.dep" >&2
		return 1
	fi
	[ -n "${MOD_SEEN[$rel]:-}" ] && return 0
	MOD_SEEN[$rel]=1
	mname=$(basename "$rel" .ko)
	for pre in $(awk -v m="${mname//-/_}" '$1 == "softdep" { n = $2; gsub("-", "_", n); if (n == m) {
			for (i = 3; i <= NF; i++) { if ($i == "pre:") { p = 1; continue } if ($i ~ /:$/) p = 0; else if (p) print $i } } }' \
			"$MODDIR/modules.softdep" 2>/dev/null); do
		_mod_resolve "$pre" || return 1
	done
	for dep in $(awk -F: -v r="$rel" '$1 == r { print $2; exit }' "$MODDIR/modules.dep"); do
		_mod_resolve "$(basename "$dep" .ko)" || return 1
	done
	MOD_ORDER+=("$rel")
}

# vm_add_modules ROOT KVER NAME...: copy the named modules and their deps into ROOT and
# append one line per module to ROOT/lib/modules/vmtest.dep: "<name> <path>..." = the .ko
# files to insmod, deps first, the module itself last (read by vm_modprobe in the VM).
vm_add_modules() {
	local root=$1 kver=$2 name rel line
	shift 2
	MODDIR=/lib/modules/$kver
	for name in "$@"; do
		declare -gA MOD_SEEN=()
		MOD_ORDER=()
		_mod_resolve "$name" || return 1
		line=${name//-/_}
		for rel in "${MOD_ORDER[@]}"; do
			case $rel in *.ko) ;; *) echo "vmtest: $rel: only uncompressed .ko modules are supported" >&2; return 1;; esac
			mkdir -p "$root/lib/modules/$kver/$(dirname "$rel")"
			cp "$MODDIR/$rel" "$root/lib/modules/$kver/$rel"
			line="$line /lib/modules/$kver/$rel"
		done
		echo "$line" >> "$root/lib/modules/vmtest.dep"
	done
}

# --- binaries and their shared libraries ------------------------------------------------

# vm_add_bin ROOT SRC [DEST]: copy an executable (symlinks resolved) to ROOT/DEST (default:
# its own path) plus every library ldd lists and the ELF interpreter, at their own paths.
vm_add_bin() {
	local root=$1 src=$2 dest=${3:-$2} lib
	[ -f "$src" ] || { echo "vmtest: $src: no such file" >&2; return 1; }
	mkdir -p "$root/$(dirname "$dest")"
	cp -L "$src" "$root/$dest"
	chmod 0755 "$root/$dest"
	# ldd prints "name => /path (addr)" and "/lib64/ld-linux-x86-64.so.2 (addr)";
	# a static binary prints "not a dynamic executable" (and ldd exits 1).
	for lib in $(ldd "$src" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
		[ -e "$root/$lib" ] && continue
		mkdir -p "$root/$(dirname "$lib")"
		cp -L "$lib" "$root/$lib"
	done
}

# vm_cpio DIR OUT: pack DIR as a gzip'ed newc cpio archive (owner root, reproducible order).
vm_cpio() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) | gzip -1 > "$2"
}

# vm_directives FILE: every "# vm-KEY: value" header line as "vm-KEY value", in file order
# (run-scenario.sh needs the order: a vm-disk-prep applies to the vm-disk above it).
vm_directives() {
	awk '
		NR == 1 && /^#!/ { next }
		!/^#/ && !/^[ \t]*$/ { exit }
		match($0, /^#[ \t]*vm-[a-z0-9-]+:/) {
			key = substr($0, RSTART, RLENGTH - 1); sub(/^#[ \t]*/, "", key)
			val = substr($0, RSTART + RLENGTH); sub(/^[ \t]+/, "", val); sub(/[ \t]+$/, "", val)
			print key " " val
		}' "$1"
}

# vm_size_bytes SIZE: bytes of a size like 64M, 1G, 512K or a plain byte count.
vm_size_bytes() {
	case $1 in
	*[kK]) echo $(( ${1%?} * 1024 )) ;;
	*[mM]) echo $(( ${1%?} * 1024 * 1024 )) ;;
	*[gG]) echo $(( ${1%?} * 1024 * 1024 * 1024 )) ;;
	*[!0-9]* | "") return 1 ;;
	*) echo "$1" ;;
	esac
}
